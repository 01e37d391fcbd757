import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BlobStore } from "./blob-store";

/** A store under test, and ways to look behind it at what uploads leave over. */
export interface BlobStoreHarness {
  store: BlobStore;
  /** Leaves what killed uploads leave (a temp file or object, an unfinished multipart upload); returns how many things it left. */
  plantLeftovers: () => Promise<number>;
  /** How many temp files/objects and unfinished uploads exist now. */
  countLeftovers: () => Promise<number>;
  cleanup: () => Promise<void> | void;
}

const MiB = 1024 * 1024;

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
function md5Of(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("base64");
}
function md5HexOf(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** `bytes` in chunks of `chunkBytes`, as an upload body arrives. */
function* chunked(bytes: Uint8Array, chunkBytes = 64 * 1024): Generator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The behaviour every BlobStore promises (blob-store.ts): verified puts, a blob either absent or
 * complete, range reads, sweeping what killed uploads leave. `largeBytes` should span several
 * of the store's parts or write batches.
 */
export function describeBlobStore(name: string, makeHarness: () => BlobStoreHarness | Promise<BlobStoreHarness>, opts: { largeBytes?: number } = {}): void {
  describe(`BlobStore contract: ${name}`, () => {
    let h: BlobStoreHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.cleanup();
    });

    const hello = Buffer.from("hello, blob store\n");
    const helloSha = sha256Of(hello);

    async function expectAbsent(sha: string) {
      expect(await h.store.has(sha)).toBe(false);
      await expect(h.store.read(sha)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(h.store.read(sha, { start: 0, end: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" }); // a small read too
      expect(await h.countLeftovers()).toBe(0);
    }

    it("stores, finds, reads (whole and a range) and deletes a blob", async () => {
      expect(await h.store.has(helloSha)).toBe(false);
      const stored = await h.store.put(helloSha, chunked(hello, 5), { size: hello.byteLength, md5: md5Of(hello) });
      expect(stored).toEqual({ sha256: helloSha, size: hello.byteLength, md5: md5Of(hello) });
      expect(await h.store.has(helloSha)).toBe(true);
      expect((await readAll(await h.store.read(helloSha))).toString()).toBe("hello, blob store\n");
      expect((await readAll(await h.store.read(helloSha, { start: 7, end: 10 }))).toString()).toBe("blob"); // `end` is inclusive
      await h.store.delete(helloSha);
      await expectAbsent(helloSha);
      await h.store.delete(helloSha); // deleting an absent blob is not an error
    });

    it("computes the MD5 when the client sends none", async () => {
      const stored = await h.store.put(helloSha, [hello], { size: hello.byteLength });
      expect(stored.md5).toBe(md5Of(hello));
    });

    it("refuses bytes of another length, SHA-256 or MD5, and stores nothing", async () => {
      await expect(h.store.put(helloSha, [hello], { size: hello.byteLength + 1 })).rejects.toMatchObject({
        code: "DIGEST_MISMATCH",
        message: expect.stringContaining(`but ${hello.byteLength + 1} were declared`),
      });
      await expectAbsent(helloSha);
      await expect(h.store.put(helloSha, [hello], { size: hello.byteLength - 1 })).rejects.toMatchObject({
        code: "DIGEST_MISMATCH",
        message: expect.stringContaining("longer than the declared"),
      });
      await expectAbsent(helloSha);
      const other = sha256Of(Buffer.from("something else"));
      await expect(h.store.put(other, [hello], { size: hello.byteLength })).rejects.toMatchObject({
        code: "DIGEST_MISMATCH",
        message: expect.stringContaining(`not the declared ${other}`),
      });
      await expectAbsent(other);
      await expect(h.store.put(helloSha, [hello], { size: hello.byteLength, md5: md5Of(Buffer.from("x")) })).rejects.toMatchObject({
        code: "DIGEST_MISMATCH",
        message: expect.stringContaining("MD5"),
      });
      await expectAbsent(helloSha);
    });

    it("refuses a large body (hashed on worker threads) whose SHA-256 or MD5 is wrong by one byte, and leaves nothing behind", async () => {
      const bytes = randomBytes(3 * MiB + 17);
      const sha = sha256Of(bytes);
      const md5 = md5Of(bytes);
      const tampered = Buffer.from(bytes);
      tampered[2 * MiB + 5]! ^= 1; // one bit, in the middle of a later slot
      const leftovers = await h.countLeftovers();
      await expect(h.store.put(sha, chunked(tampered), { size: bytes.byteLength })).rejects.toMatchObject({ code: "DIGEST_MISMATCH", message: expect.stringContaining("SHA-256") });
      await expectAbsent(sha);
      await expect(h.store.put(sha256Of(tampered), chunked(tampered), { size: bytes.byteLength, md5 })).rejects.toMatchObject({ code: "DIGEST_MISMATCH", message: expect.stringContaining("MD5") });
      await expectAbsent(sha256Of(tampered));
      expect(await h.countLeftovers()).toBe(leftovers);
      // The same bytes untampered pass, with the digests of what was read.
      expect(await h.store.put(sha, chunked(bytes, 65_537), { size: bytes.byteLength, md5 })).toEqual({ sha256: sha, size: bytes.byteLength, md5 });
      expect((await readAll(await h.store.read(sha))).equals(bytes)).toBe(true);
    });

    it("refuses a malformed SHA-256 with a validation error", async () => {
      await expect(h.store.put("ABC", [hello], { size: hello.byteLength })).rejects.toMatchObject({ code: "VALIDATION" });
      await expect(h.store.delete("../etc/passwd")).rejects.toMatchObject({ code: "VALIDATION" });
      await expect(h.store.read("../etc/passwd")).rejects.toMatchObject({ code: "VALIDATION" });
    });

    it("leaves nothing behind when the body fails mid-way, even after several parts", async () => {
      const bytes = randomBytes(opts.largeBytes ?? 12 * MiB);
      const sha = sha256Of(bytes);
      async function* failing() {
        for (const chunk of chunked(bytes.subarray(0, bytes.byteLength - MiB), MiB)) {
          await sleep(0); // a network body: chunks arrive over time
          yield chunk;
        }
        throw new Error("client went away");
      }
      await expect(h.store.put(sha, failing(), { size: bytes.byteLength })).rejects.toThrow("client went away");
      await expectAbsent(sha);
    });

    it("puts the same blob twice (both succeed, one copy readable)", async () => {
      await h.store.put(helloSha, [hello], { size: hello.byteLength });
      await h.store.put(helloSha, [hello], { size: hello.byteLength });
      expect((await readAll(await h.store.read(helloSha))).equals(hello)).toBe(true);
    });

    it("stores an empty blob", async () => {
      const empty = Buffer.alloc(0);
      const sha = sha256Of(empty);
      const stored = await h.store.put(sha, [], { size: 0, md5: md5Of(empty) });
      expect(stored.size).toBe(0);
      expect(await h.store.has(sha)).toBe(true);
      expect((await readAll(await h.store.read(sha))).byteLength).toBe(0);
    });

    it("stores a large blob (several parts) and reads its bytes back, whole and across a part boundary", async () => {
      const bytes = randomBytes(opts.largeBytes ?? 12 * MiB);
      const sha = sha256Of(bytes);
      await h.store.put(sha, chunked(bytes, MiB), { size: bytes.byteLength, md5: md5Of(bytes) });
      expect(sha256Of(await readAll(await h.store.read(sha)))).toBe(sha);
      const start = 5 * MiB - 10;
      const slice = await readAll(await h.store.read(sha, { start, end: start + 19 }));
      expect(slice.equals(bytes.subarray(start, start + 20))).toBe(true);
      expect(await h.countLeftovers()).toBe(0);
    });

    it("sweeps leftovers older than asked, and keeps younger ones", async () => {
      const planted = await h.plantLeftovers();
      expect(planted).toBeGreaterThan(0);
      expect(await h.countLeftovers()).toBe(planted);
      expect(await h.store.sweepTemp(60_000)).toBe(0);
      expect(await h.countLeftovers()).toBe(planted);
      await sleep(50);
      expect(await h.store.sweepTemp(10)).toBe(planted);
      expect(await h.countLeftovers()).toBe(0);
    });

    describe("staged objects", () => {
      const part = Buffer.from("part one of a multipart upload\n");

      async function expectNotStaged(key: string) {
        await expect(h.store.readStaged(key)).rejects.toMatchObject({ code: "NOT_FOUND" });
        expect(await h.countLeftovers()).toBe(0);
      }

      it("stages, reads back, replaces and deletes an object under its key, apart from blobs", async () => {
        const staged = await h.store.putStaged("up-1-1", chunked(part, 7), { size: part.byteLength, md5Hex: md5HexOf(part) });
        expect(staged).toEqual({ size: part.byteLength, md5Hex: md5HexOf(part) });
        expect((await readAll(await h.store.readStaged("up-1-1"))).equals(part)).toBe(true);
        expect(await h.store.has(sha256Of(part))).toBe(false); // not a blob
        await expect(h.store.readStaged("up-1-2")).rejects.toMatchObject({ code: "NOT_FOUND" });
        const again = Buffer.from("the part, sent again");
        await h.store.putStaged("up-1-1", [again], { size: again.byteLength, md5Hex: md5HexOf(again).toUpperCase() }); // hex in either case
        expect((await readAll(await h.store.readStaged("up-1-1"))).equals(again)).toBe(true);
        await h.store.deleteStaged("up-1-1");
        await expectNotStaged("up-1-1");
        await h.store.deleteStaged("up-1-1"); // deleting an absent one is not an error
      });

      it("stages an empty object and a large one (several parts or write batches)", async () => {
        const empty = Buffer.alloc(0);
        expect(await h.store.putStaged("empty", [], { size: 0, md5Hex: md5HexOf(empty) })).toEqual({ size: 0, md5Hex: md5HexOf(empty) });
        expect((await readAll(await h.store.readStaged("empty"))).byteLength).toBe(0);
        const bytes = randomBytes(opts.largeBytes ?? 12 * MiB);
        await h.store.putStaged("large", chunked(bytes, MiB), { size: bytes.byteLength, md5Hex: md5HexOf(bytes) });
        expect(sha256Of(await readAll(await h.store.readStaged("large")))).toBe(sha256Of(bytes));
        expect(await h.countLeftovers()).toBe(0);
      });

      it("refuses bytes of another length or MD5, keeping nothing, and keeps what an earlier put staged under the key", async () => {
        await expect(h.store.putStaged("p", [part], { size: part.byteLength + 1, md5Hex: md5HexOf(part) })).rejects.toMatchObject({ code: "DIGEST_MISMATCH" });
        await expectNotStaged("p");
        await expect(h.store.putStaged("p", [part], { size: part.byteLength - 1, md5Hex: md5HexOf(part) })).rejects.toMatchObject({
          code: "DIGEST_MISMATCH",
          message: expect.stringContaining("longer than the declared"),
        });
        await expectNotStaged("p");
        await expect(h.store.putStaged("p", [part], { size: part.byteLength, md5Hex: md5HexOf(Buffer.from("x")) })).rejects.toMatchObject({
          code: "DIGEST_MISMATCH",
          message: expect.stringContaining("MD5"),
        });
        await expectNotStaged("p");
        await h.store.putStaged("p", [part], { size: part.byteLength, md5Hex: md5HexOf(part) });
        await expect(h.store.putStaged("p", [Buffer.from("damaged")], { size: 7, md5Hex: md5HexOf(part) })).rejects.toMatchObject({ code: "DIGEST_MISMATCH" });
        expect((await readAll(await h.store.readStaged("p"))).equals(part)).toBe(true);
      });

      it("leaves nothing behind when the body fails mid-way", async () => {
        const bytes = randomBytes(opts.largeBytes ?? 12 * MiB);
        async function* failing() {
          for (const chunk of chunked(bytes.subarray(0, bytes.byteLength - MiB), MiB)) {
            await sleep(0);
            yield chunk;
          }
          throw new Error("client went away");
        }
        await expect(h.store.putStaged("killed", failing(), { size: bytes.byteLength, md5Hex: md5HexOf(bytes) })).rejects.toThrow("client went away");
        await expectNotStaged("killed");
      });

      it("refuses keys that are not one plain name", async () => {
        for (const key of ["../escape", "a/b", "", ".hidden", "x".repeat(201)]) {
          await expect(h.store.putStaged(key, [part], { size: part.byteLength })).rejects.toMatchObject({ code: "VALIDATION" });
          await expect(h.store.readStaged(key)).rejects.toMatchObject({ code: "VALIDATION" });
          await expect(h.store.deleteStaged(key)).rejects.toMatchObject({ code: "VALIDATION" });
        }
      });

      it("sweeps staged objects older than their own window (default: the leftovers' one)", async () => {
        await h.store.putStaged("waiting", [part], { size: part.byteLength, md5Hex: md5HexOf(part) });
        await sleep(50);
        expect(await h.store.sweepTemp(10, { stagedOlderThanMs: 60_000 })).toBe(0); // an upload that may still complete
        expect(await h.store.sweepTemp(60_000)).toBe(0);
        expect((await readAll(await h.store.readStaged("waiting"))).equals(part)).toBe(true);
        expect(await h.store.sweepTemp(60_000, { stagedOlderThanMs: 10 })).toBe(1);
        await expectNotStaged("waiting");
        await h.store.putStaged("waiting", [part], { size: part.byteLength, md5Hex: md5HexOf(part) });
        await sleep(50);
        expect(await h.store.sweepTemp(10)).toBe(1);
        await expectNotStaged("waiting");
      });
    });
  });
}
