import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// A server started with ARCA_ENCRYPTION_KEY: the HTTP API behaves exactly as without it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-http-encrypted-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
delete process.env.ARCA_ENCRYPTION_OLD_KEYS;
const { handleApiRequest } = await import("./handler");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const blobFile = (sha256: string) => path.join(dataDir, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256);

describe("HTTP API on an encrypted store", () => {
  it("downloads with the plaintext's Content-Length, and a blob under an unknown key is a 500 that says which key", async () => {
    const bytes = Buffer.from("weights in the clear only in memory; ".repeat(3000));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const put = await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/${sha256}`, { method: "PUT", body: bytes, headers: { "content-length": String(bytes.length) } }));
    expect(put.status).toBe(201);
    const log = await handleApiRequest(
      new Request("http://127.0.0.1/api/v1/projects/me/demo/artifacts/w/log", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "model", entries: [{ path: "w.txt", sha256, size: bytes.length }] }),
      }),
    );
    expect(log.status).toBe(200);

    const file = await handleApiRequest(new Request("http://127.0.0.1/api/v1/projects/me/demo/artifacts/w/versions/v0/files/w.txt"));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);

    const onDisk = fs.readFileSync(blobFile(sha256));
    expect(onDisk.subarray(0, 8).toString()).toBe("ARCAENC1");
    expect(onDisk.includes(Buffer.from("weights in the clear"))).toBe(false);

    onDisk.write("0badc0de", 8, "ascii"); // as if written by a server with another key
    fs.writeFileSync(blobFile(sha256), onDisk);
    const refused = await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/${sha256}`));
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({
      error: { code: "UNREADABLE_BLOB", message: expect.stringMatching(new RegExp(`^blob ${sha256} is encrypted with key id 0badc0de; this server has key id [0-9a-f]{8}: start it with the key that wrote it`)) as unknown },
    });
  });
});
