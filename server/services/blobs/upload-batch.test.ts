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
    expect(await findMissingBlobs(w.ctx, blobs.map((b) => ({ sha256: sha(b), size: b.length })))).toEqual([]);
  });

  it("refuses a record whose bytes do not match, keeping the records before it", async () => {
    const good = Buffer.from("good");
    const bad = Buffer.concat([Buffer.from(`${JSON.stringify({ sha256: "a".repeat(64), size: 3 })}\n`), Buffer.from("bad")]);
    await expect(uploadBlobBatch(w.ctx, chunked(Buffer.concat([record(good), bad]), 5))).rejects.toThrow(/SHA-256/);
    expect(await findMissingBlobs(w.ctx, [{ sha256: sha(good), size: 4 }])).toEqual([]);
  });

  it("refuses a bad header and a stream cut in the middle of a record", async () => {
    await expect(uploadBlobBatch(w.ctx, chunked(Buffer.from("not json\nxx"), 4))).rejects.toThrow(/bad header/);
    const cut = record(Buffer.from("0123456789")).subarray(0, -3);
    await expect(uploadBlobBatch(w.ctx, chunked(cut, 4))).rejects.toThrow(/declared/);
  });

  it("reads the next record while the previous one is being published (its flush does not hold up the stream)", async () => {
    const blobs = [Buffer.from("one"), Buffer.from("two"), Buffer.from("three")];
    const inner = w.ctx.blobs;
    let puts = 0;
    let secondStarted!: () => void;
    const second = new Promise<void>((resolve) => (secondStarted = resolve));
    // The first blob's publish (a slow fsync, say) finishes only once the second record has started arriving.
    const store: typeof inner = Object.assign(Object.create(inner) as typeof inner, {
      put: async (sha256: string, body: AsyncIterable<Uint8Array>, expected: { size: number }) => {
        const chunks: Uint8Array[] = [];
        for await (const chunk of body) chunks.push(chunk);
        const index = puts++;
        if (index === 1) secondStarted();
        if (index === 0) await second;
        return inner.put(sha256, chunks, expected);
      },
    });
    const results = await uploadBlobBatch({ ...w.ctx, blobs: store }, chunked(Buffer.concat(blobs.map((b) => record(b))), 4));
    expect(results.map((r) => r.sha256)).toEqual(blobs.map(sha));
    expect(await findMissingBlobs(w.ctx, blobs.map((b) => ({ sha256: sha(b), size: b.length })))).toEqual([]);
  });

  it("answers a refusal only once the records started before it are published", async () => {
    const good = Buffer.from("good");
    const inner = w.ctx.blobs;
    const store: typeof inner = Object.assign(Object.create(inner) as typeof inner, {
      put: async (sha256: string, body: AsyncIterable<Uint8Array>, expected: { size: number }) => {
        const chunks: Uint8Array[] = [];
        for await (const chunk of body) chunks.push(chunk);
        await new Promise((resolve) => setTimeout(resolve, 50)); // a slow publish, still running when the bad record fails
        return inner.put(sha256, chunks, expected);
      },
    });
    const bad = Buffer.concat([Buffer.from(`${JSON.stringify({ sha256: "a".repeat(64), size: 3 })}\n`), Buffer.from("bad")]);
    await expect(uploadBlobBatch({ ...w.ctx, blobs: store }, chunked(Buffer.concat([record(good), bad]), 5))).rejects.toThrow(/SHA-256/);
    expect(await findMissingBlobs(w.ctx, [{ sha256: sha(good), size: 4 }])).toEqual([]);
  });
});
