import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestSchema } from "../testing/postgres";
import { createServiceContext } from "../context";
import { seedDemo } from "../demo/seed";
import { createApiKey } from "../services/accounts/keys";
import { createUser, requireUserNamed } from "../services/accounts/users";
import { createAuth } from "../auth/auth";
import { readConfig } from "../config";

// `arca admin migrate-to-postgres` as a real process (issue 11): the demo store and an account, copied into
// an empty PostgreSQL database, every table checked; a second run is refused because the target holds data.
const postgresUrl = inject("postgresUrl");

describe.skipIf(!postgresUrl)("arca admin migrate-to-postgres", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-admin-pg-"));
  let url: string;
  let drop: () => Promise<void>;
  const counts = new Map<string, number>();

  beforeAll(async () => {
    const ctx = createServiceContext(dataDir);
    try {
      await seedDemo(ctx);
      const auth = createAuth(ctx, readConfig({ ...process.env, ARCA_DATA_DIR: dataDir, ARCA_AUTH: "1" }));
      await createUser(ctx, auth, { username: "ada", password: "correct horse battery", isAdmin: true, actor: "test" });
      await createApiKey(ctx, { userId: (await requireUserNamed(ctx, "ada")).id, username: "ada", name: "ci", readOnly: false, expiresInDays: null, actor: "test" });
      // The SQLite source's own catalogue: this test copies from SQLite.
      for (const { name } of await ctx.sql.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")) {
        counts.set(name, (await ctx.sql.get<{ n: number }>(`select count(*) as n from ${name}`))!.n);
      }
    } finally {
      await ctx.sql.close();
    }
    const schema = await createTestSchema(postgresUrl!);
    url = schema.url;
    drop = () => schema.drop();
  });
  afterAll(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ["cli/bin.mjs", "admin", ...args], { encoding: "utf8", env: { ...process.env, ARCA_DATA_DIR: dataDir, ...env }, timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("copies every table, checks rows and digests, and keeps the sequences going past the copied ids", async () => {
    const r = admin(["migrate-to-postgres"], { ARCA_DATABASE_URL: url });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/copied 19 tables \(\d+ rows\) into PostgreSQL and checked them/);
    expect(counts.get("versions")).toBeGreaterThan(10);
    expect(counts.get("api_keys")).toBe(1);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const [table, n] of counts) {
        expect({ table, n: Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n) }).toEqual({ table, n });
      }
      const { rows } = await client.query<{ id: string }>("insert into projects (entity, name, created_at, updated_at) values ('x', 'y', 0, 0) returning id");
      expect(Number(rows[0]!.id)).toBe(counts.get("projects")! + 1);
    } finally {
      await client.end();
    }
  });

  it("refuses a database that already holds data, and an unreachable or wrong URL, in words", () => {
    const again = admin(["migrate-to-postgres", url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds data \(\d+ rows in \w+\): migrate into an empty database/);

    const wrong = admin(["migrate-to-postgres", "mysql://localhost/arca"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("must start with postgres://");

    const unreachable = admin(["migrate-to-postgres", "postgres://nobody:nothing@127.0.0.1:1/arca"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("cannot reach that database");
  });
});
