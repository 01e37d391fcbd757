import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../../testing/factory";
import { findMissingBlobs } from "./blobs";
import { uploadBlobBatch } from "./upload-batch";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const record = (b: Buffer, extra: Record<string, unknown> = {}) => Buffer.concat([Buffer.from(`${JSON.stringify({ sha256: sha(b), size: b.length, ...extra })}\n`), b]);

/** Re-chunks a buffer at awkward sizes, as a socket would. */
function* chunked(all: Buffer, size: number) {
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

describe("batch upload", () => {
  it("stores every record of the stream, whatever the chunking, including empty files and known blobs", async () => {
    const blobs = [Buffer.from("first"), Buffer.alloc(0), Buffer.alloc(70_000, 3), Buffer.from("last\nwith newline")];
    for (const size of [1, 7, 65_536]) {
      const results = await uploadBlobBatch(w.ctx, chunked(Buffer.concat(blobs.map((b) => record(b))), size));
      expect(results.map((r) => [r.sha256, r.size])).toEqual(blobs.map((b) => [sha(b), b.length]));
    }
    expect(findMissingBlobs(w.ctx, blobs.map((b) => ({ sha256: sha(b), size: b.length })))).toEqual([]);
  });

  it("refuses a record whose bytes do not match, keeping the records before it", async () => {
    const good = Buffer.from("good");
    const bad = Buffer.concat([Buffer.from(`${JSON.stringify({ sha256: "a".repeat(64), size: 3 })}\n`), Buffer.from("bad")]);
    await expect(uploadBlobBatch(w.ctx, chunked(Buffer.concat([record(good), bad]), 5))).rejects.toThrow(/SHA-256/);
    expect(findMissingBlobs(w.ctx, [{ sha256: sha(good), size: 4 }])).toEqual([]);
  });

  it("refuses a bad header and a stream cut in the middle of a record", async () => {
    await expect(uploadBlobBatch(w.ctx, chunked(Buffer.from("not json\nxx"), 4))).rejects.toThrow(/bad header/);
    const cut = record(Buffer.from("0123456789")).subarray(0, -3);
    await expect(uploadBlobBatch(w.ctx, chunked(cut, 4))).rejects.toThrow(/declared/);
  });
});
