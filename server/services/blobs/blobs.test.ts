import { createHash, randomBytes } from "node:crypto";
import { threadId } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../../testing/factory";
import { hashThreadIds } from "../../workers/hash-threads";
import { findMissingBlobs, uploadBlob } from "./blobs";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const md5 = (b: Buffer) => createHash("md5").update(b).digest("base64");

describe("blob uploads", () => {
  it("stores verified bytes once and reports what is missing", async () => {
    const bytes = Buffer.from("some model weights");
    expect(await findMissingBlobs(w.ctx, [{ sha256: sha(bytes), size: bytes.length }])).toEqual([sha(bytes)]);
    const first = await uploadBlob(w.ctx, { sha256: sha(bytes), size: bytes.length, md5: md5(bytes), body: [bytes.subarray(0, 5), bytes.subarray(5)] });
    expect(first).toMatchObject({ created: true, md5: md5(bytes), size: bytes.length });
    const again = await uploadBlob(w.ctx, { sha256: sha(bytes), size: bytes.length, body: [bytes] });
    expect(again.created).toBe(false);
    expect(await findMissingBlobs(w.ctx, [{ sha256: sha(bytes), size: bytes.length }])).toEqual([]);
    expect(await w.storedNames()).toEqual([sha(bytes)]);
  });

  const refusals = [
    ["a SHA-256 that does not match", (b: Buffer) => ({ sha256: "f".repeat(64), size: b.length, md5: md5(b) }), /SHA-256/],
    ["an MD5 that does not match", (b: Buffer) => ({ sha256: sha(b), size: b.length, md5: "AAAAAAAAAAAAAAAAAAAAAA==" }), /MD5/],
    ["a size that does not match", (b: Buffer) => ({ sha256: sha(b), size: b.length + 1, md5: md5(b) }), /declared/],
    ["fewer declared bytes than sent", (b: Buffer) => ({ sha256: sha(b), size: 2, md5: md5(b) }), /longer than the declared/],
  ] as const;
  const chunks = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 65_536) }, (_, i) => b.subarray(i * 65_536, (i + 1) * 65_536));

  it.each(refusals)("refuses %s and stores nothing", async (_label, make, why) => {
    const bytes = Buffer.from("payload bytes");
    await expect(uploadBlob(w.ctx, { ...make(bytes), body: [bytes] })).rejects.toThrow(why);
    expect(await w.storedNames()).toEqual([]);
    expect(await w.ctx.sql.get("select count(*) as n from blobs")).toEqual({ n: 0 });
  });

  it.each(refusals)("refuses %s in a body hashed on the hashing threads, and publishes nothing", async (_label, make, why) => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    const hashedBefore = hashThreadIds().length;
    await expect(uploadBlob(w.ctx, { ...make(bytes), body: chunks(bytes) })).rejects.toThrow(why);
    expect(await w.storedNames()).toEqual([]);
    expect(await w.ctx.sql.get("select count(*) as n from blobs")).toEqual({ n: 0 });
    if (!/longer than/.test(String(why))) expect(hashThreadIds().slice(hashedBefore).filter((id) => id !== threadId).length).toBeGreaterThan(0);
    // The same bytes, declared right, are published with the digests the threads computed.
    expect(await uploadBlob(w.ctx, { sha256: sha(bytes), size: bytes.length, body: chunks(bytes) })).toEqual({ sha256: sha(bytes), size: bytes.length, md5: md5(bytes), created: true });
  });

  it("leaves nothing visible when the upload dies half-way", async () => {
    const bytes = Buffer.alloc(3 << 20, 7);
    async function* dying() {
      yield bytes.subarray(0, 1 << 20);
      await Promise.resolve();
      throw new Error("connection reset");
    }
    await expect(uploadBlob(w.ctx, { sha256: sha(bytes), size: bytes.length, body: dying() })).rejects.toThrow(/connection reset/);
    expect(await w.storedNames()).toEqual([]);
    expect(await findMissingBlobs(w.ctx, [{ sha256: sha(bytes), size: bytes.length }])).toEqual([sha(bytes)]);
  });

  it("refuses malformed hashes", async () => {
    await expect(findMissingBlobs(w.ctx, [{ sha256: "../etc", size: 1 }])).rejects.toThrow(/invalid SHA-256/);
  });
});
