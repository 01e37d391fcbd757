import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createServiceContext } from "../context";
import { uploadBlob } from "../services/blobs/blobs";
import { EncryptedBlobStore } from "../storage/encrypted-blob-store";
import { keyIdOf, readKeyring } from "../storage/keyring";
import { LocalBlobStore } from "../storage/local-blob-store";
import { openBlobStore } from "../storage/open-blob-store";

/** `arca admin rotate-key` as a real process on a data directory (docs/security.md). */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-admin-rotate-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function admin(args: string[], env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.ARCA_ENCRYPTION_KEY;
  delete clean.ARCA_ENCRYPTION_OLD_KEYS;
  delete clean.ARCA_DATABASE_URL; // this test's store is the data dir's SQLite file, whatever run it is in
  const r = spawnSync(process.execPath, ["cli/bin.mjs", "admin", ...args], { encoding: "utf8", env: { ...clean, ARCA_DATA_DIR: dataDir, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("arca admin rotate-key", () => {
  it("re-encrypts every blob with the new key, reports it, and refuses bad keys in words", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const ctx = createServiceContext(dataDir, openBlobStore(dataDir, { kind: "local" }, readKeyring({ ARCA_ENCRYPTION_KEY: oldKey })));
    const shas: string[] = [];
    try {
      for (const text of ["first blob", "second blob", "third blob"]) {
        const bytes = Buffer.from(text);
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        await uploadBlob(ctx, { sha256, size: bytes.length, body: [bytes] });
        shas.push(sha256);
      }
    } finally {
      await ctx.sql.close();
    }

    expect(admin(["rotate-key"], { ARCA_ENCRYPTION_KEY: "not-a-key" })).toMatchObject({ code: 1, stderr: expect.stringMatching(/ARCA_ENCRYPTION_KEY must be 32 random bytes in base64/) });
    expect(admin(["rotate-key"], {})).toMatchObject({ code: 1, stderr: expect.stringMatching(/encryption is off: set ARCA_ENCRYPTION_KEY/) });
    // Without the old key the blobs cannot be read: the run stops and says which key is missing.
    const newId = keyIdOf(Buffer.from(newKey, "base64"));
    const oldId = keyIdOf(Buffer.from(oldKey, "base64"));
    expect(admin(["rotate-key"], { ARCA_ENCRYPTION_KEY: newKey })).toMatchObject({ code: 1, stderr: expect.stringContaining(`is encrypted with key id ${oldId}; this server has key id ${newId}`) });

    const run = admin(["rotate-key"], { ARCA_ENCRYPTION_KEY: newKey, ARCA_ENCRYPTION_OLD_KEYS: oldKey });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/3\/3 blobs checked\n/);
    expect(run.stdout).toMatch(new RegExp(`key id ${newId}: re-encrypted 3 blobs \\(31 bytes\\), 0 already on this key\\n$`));
    expect(admin(["rotate-key"], { ARCA_ENCRYPTION_KEY: newKey })).toMatchObject({ code: 0, stdout: expect.stringMatching(/re-encrypted 0 blobs \(0 bytes\), 3 already on this key/) });

    const store = new EncryptedBlobStore(new LocalBlobStore(path.join(dataDir, "blobs")), readKeyring({ ARCA_ENCRYPTION_KEY: newKey })!);
    for (const sha256 of shas) expect(await store.keyIdOf(sha256)).toBe(newId);
  }, 120_000);
});
