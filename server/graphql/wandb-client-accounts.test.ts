import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The stock wandb client with accounts on: an Arca API key in WANDB_API_KEY (sent as HTTP Basic
 * `api:<key>`) logs to the key owner's entity, within the key's roles; a wrong key is refused.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-wandb-accounts-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
process.env.ARCA_AUTH = "1";
const { ensureWandbVenv, hasWandbTool, runFlow, startArcaServer } = await import("./testing/wandb-harness");
const { getAuth, getServiceContext } = await import("../context");
const { createUser, requireUserNamed } = await import("../services/accounts/users");
const { createApiKey } = await import("../services/accounts/keys");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "arca-wandb-accounts-work-"));
let baseUrl = "";
let close: () => Promise<void> = () => Promise.resolve();
const keys: Record<string, string> = {};

afterAll(async () => {
  await close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasWandbTool)("the stock wandb client with accounts on", () => {
  beforeAll(async () => {
    const [, server] = await Promise.all([ensureWandbVenv(), startArcaServer()]);
    ({ baseUrl, close } = server);
    const ctx = getServiceContext();
    await createUser(ctx, getAuth(), { username: "alice", password: "correct horse", isAdmin: false, actor: "test" });
    const alice = await requireUserNamed(ctx, "alice");
    keys.alice = (await createApiKey(ctx, { userId: alice.id, username: "alice", name: "laptop", actor: "test" })).key;
    keys.readOnly = (await createApiKey(ctx, { userId: alice.id, username: "alice", name: "ci", readOnly: true, actor: "test" })).key;
  }, 300_000);

  it("logs and reads with an Arca key, into the key owner's entity", async () => {
    expect(keys.alice).toMatch(/^arca-[A-Za-z0-9]{40}$/);
    const result = await runFlow({ baseUrl, work, flow: "smoke", apiKey: keys.alice! });
    expect(result).toMatchObject({ entity: "alice", version: "v0", same: true });
    const res = await fetch(`${baseUrl}/api/v1/projects/alice/wb/artifacts/model/versions/v0`, { headers: { authorization: `Bearer ${keys.alice}` } });
    expect(((await res.json()) as { digest: string }).digest).toBe(result.digest);
  }, 200_000);

  it("refuses a wrong key and a read-only key's writes, saying why", async () => {
    await expect(runFlow({ baseUrl, work: path.join(work, "bad"), flow: "smoke", apiKey: `arca-${"x".repeat(40)}` })).rejects.toThrow(/CommError: that API key is not valid/);
    await expect(runFlow({ baseUrl, work: path.join(work, "ro"), flow: "smoke", apiKey: keys.readOnly! })).rejects.toThrow(/CommError: API key ci is read-only/);
  }, 200_000);
});
