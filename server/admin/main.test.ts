import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";

/** `arca admin …` exactly as documented (docs/cli.md): a real process on a data directory. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-admin-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function admin(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["cli/bin.mjs", "admin", ...args], { input, encoding: "utf8", env: { ...process.env, ARCA_DATA_DIR: dataDir }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("arca admin", () => {
  it("creates the first admin, a key, grants a role and revokes the key, refusing mistakes in words", async () => {
    expect(admin(["create-user", "alice", "--admin", "--password-stdin"], "a long password\n")).toMatchObject({ code: 0, stdout: "created user alice (instance admin)\n" });
    expect(admin(["create-user", "alice", "--password-stdin"], "another password\n")).toMatchObject({ code: 1, stderr: expect.stringMatching(/name alice is taken/) });
    expect(admin(["create-user", "bob"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--password-stdin/) });
    expect(admin(["create-user", "bob", "--password-stdin"], "short\n")).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 8 characters/) });

    const created = admin(["create-key", "alice", "--name", "ci", "--json"]);
    expect(created.code).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: string };
    expect(key).toMatch(/^arca-[A-Za-z0-9]{40}$/);

    expect(admin(["grant", "alice", "acme/vision", "editor"])).toMatchObject({ code: 0, stdout: "alice is editor of acme/vision\n" });
    expect(admin(["grant", "alice", "acme", "owner"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/viewer, editor, admin/) });
    expect(admin(["grant", "nobody", "acme", "viewer"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no user named nobody/) });

    expect(admin(["revoke-key", "alice", "ci"])).toMatchObject({ code: 0 });
    expect(admin(["revoke-key", "alice", "ci"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no API key named ci/) });

    const { sql } = openDb(path.join(dataDir, "arca.sqlite"));
    try {
      expect(await sql.all("select username, is_admin as isAdmin from users")).toEqual([{ username: "alice", isAdmin: 1 }]);
      expect(await sql.all("select entity, project, role from memberships")).toEqual([{ entity: "acme", project: "vision", role: "editor" }]);
      expect(await sql.get("select count(*) as n from api_keys")).toEqual({ n: 0 });
      const audit = await sql.all<{ action: string }>("select action from audit_events order by id");
      expect(audit.map((a) => a.action)).toEqual(["user.create", "key.create", "role.grant", "key.revoke"]);
    } finally {
      await sql.close();
    }
  }, 120_000);
});
