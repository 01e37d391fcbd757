import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-keys-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_AUTH = "1";
const { getAuth, getConfig, getServiceContext } = await import("../../context");
const { authenticate } = await import("../../access/authenticate");
const { createUser, requireUserNamed } = await import("./users");
const { createApiKey, listKeys, revokeApiKey, KEY_PATTERN } = await import("./keys");
const { grantRole } = await import("./members");
const { listAudit } = await import("./audit");
const { handleApiRequest } = await import("../../http/handler");
const { logArtifact } = await import("../artifacts/log");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const ctx = () => getServiceContext();
const who = (headers: Record<string, string>) => authenticate(ctx(), getAuth, getConfig(), new Headers(headers));
let ada: { id: string };

beforeAll(async () => {
  await createUser(ctx(), getAuth(), { username: "ada", password: "ada's long password", actor: "root" });
  ada = await requireUserNamed(ctx(), "ada");
});

describe("API keys", () => {
  it("are long random strings of the shape W&B's client accepts, shown once and stored only as a hash", async () => {
    const { key, apiKey } = await createApiKey(ctx(), { userId: ada.id, username: "ada", name: "laptop", actor: "ada" });
    expect(key).toMatch(/^arca-[A-Za-z0-9]{40}$/);
    expect(KEY_PATTERN.test(key)).toBe(true);
    expect(apiKey).toMatchObject({ name: "laptop", start: key.slice(0, 9), readOnly: false, expiresAt: null, lastUsedAt: null });
    const dump = JSON.stringify(await ctx().sql.all("select * from api_keys"));
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(5));
    await expect(createApiKey(ctx(), { userId: ada.id, username: "ada", name: "laptop", actor: "ada" })).rejects.toThrow(/already have a key named laptop/);
  });

  it("are accepted as Bearer and as HTTP Basic with user api, and record when they were last used", async () => {
    const { key } = await createApiKey(ctx(), { userId: ada.id, username: "ada", name: "ci", actor: "ada" });
    expect(await who({ authorization: `Bearer ${key}` })).toMatchObject({ kind: "user", name: "ada", key: { keyName: "ci" } });
    const basic = Buffer.from(`api:${key}`).toString("base64");
    expect(await who({ authorization: `Basic ${basic}` })).toMatchObject({ kind: "user", name: "ada" });
    await expect(who({ authorization: `Basic ${Buffer.from(`ada:${key}`).toString("base64")}` })).rejects.toThrow(/api:<key>/);
    expect((await listKeys(ctx(), { userId: ada.id })).find((k) => k.name === "ci")?.lastUsedAt).not.toBeNull();
  });

  it("stop working when revoked or expired, and a wrong key is refused rather than ignored", async () => {
    const { key } = await createApiKey(ctx(), { userId: ada.id, username: "ada", name: "short", expiresInDays: 1, actor: "ada" });
    expect(await who({ authorization: `Bearer ${key}` })).toMatchObject({ name: "ada" });
    const realNow = ctx().now;
    ctx().now = () => realNow() + 2 * 86_400_000;
    try {
      await expect(who({ authorization: `Bearer ${key}` })).rejects.toThrow(/expired on/);
    } finally {
      ctx().now = realNow;
    }
    await revokeApiKey(ctx(), { userId: ada.id, username: "ada", name: "short", actor: "ada" });
    await expect(who({ authorization: `Bearer ${key}` })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(who({ authorization: "Bearer not-a-key" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(createApiKey(ctx(), { userId: ada.id, username: "ada", name: "p", project: "x", actor: "ada" })).rejects.toThrow(/needs its entity/);
    await expect(createApiKey(ctx(), { userId: ada.id, username: "ada", name: "bad/name", actor: "ada" })).rejects.toThrow(/invalid key name/);
  });

  it("name their owner in the edit history and the audit log, whatever X-Arca-Actor claims", async () => {
    await grantRole(ctx(), { username: "ada", entity: "acme", role: "admin", actor: "root" });
    await logArtifact(ctx(), { entity: "acme", project: "vision" }, "ds", { type: "dataset", aliases: [], entries: [{ path: "r", ref: "https://example.test/r", digest: "r", size: 0 }] });
    const { key } = await createApiKey(ctx(), { userId: ada.id, username: "ada", name: "edits", actor: "ada" });
    const v0 = "http://127.0.0.1/api/v1/projects/acme/vision/artifacts/ds/versions/v0";
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "x-arca-actor": "mallory" };
    expect((await handleApiRequest(new Request(v0, { method: "PATCH", headers, body: JSON.stringify({ description: "by ada" }) }))).status).toBe(200);
    const history = (await (await handleApiRequest(new Request(`${v0}/history`, { headers }))).json()) as { edits: { actor: string }[] };
    expect(history.edits.map((e) => e.actor)).toEqual(["ada"]);
    expect((await handleApiRequest(new Request(`${v0}?deleteAliases=true`, { method: "DELETE", headers }))).status).toBe(200);
    const events = (await listAudit(ctx(), { entity: null })).items.map((e) => `${e.actor} ${e.action} ${e.target}`);
    expect(events).toEqual(
      expect.arrayContaining(["ada key.create ada/laptop", "ada key.revoke ada/short", "root role.grant acme", "ada version.delete acme/vision/ds:v0", "root user.create ada"]),
    );
  });
});
