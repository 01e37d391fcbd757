import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { DigestMismatchError, NotFoundError, ValidationError } from "../errors";
import { SHA256_PATTERN, verifyUpload, type BlobStore, type PutExpectation, type StoredBlob } from "./blob-store";

const WRITE_BATCH_BYTES = 1 << 20;

/** Blobs as files under `root/ab/cd/<sha256>`; uploads stream into `root/tmp` and are renamed in when verified. */
export class LocalBlobStore implements BlobStore {
  private readonly tmpDir: string;
  /** Fan-out folders already created (at most 65,536): saves a mkdir per upload. */
  private readonly knownDirs = new Set<string>();

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, "tmp");
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new ValidationError(`invalid SHA-256 ${JSON.stringify(sha256)}: expected 64 lowercase hex digits`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: PutExpectation): Promise<StoredBlob> {
    const finalPath = /*turbopackIgnore: true*/ this.pathOf(sha256);
    const tmpPath = path.join(/*turbopackIgnore: true*/ this.tmpDir, `${sha256}.${randomBytes(6).toString("hex")}`);
    const sha = createHash("sha256");
    const md5 = createHash("md5");
    let size = 0;
    let stored: StoredBlob;
    const handle = await fs.promises.open(/*turbopackIgnore: true*/ tmpPath, "wx");
    try {
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      // One write in flight while the next batch arrives and is hashed: the disk (the slow part here)
      // never waits for the CPU, and memory stays at two batches. Chunks are written as they came (writev), never copied.
      let inFlight: Promise<unknown> = Promise.resolve();
      const flush = async () => {
        const chunks = batch;
        batch = [];
        batchBytes = 0;
        await inFlight;
        const write = handle.writev(chunks);
        write.catch(() => undefined); // surfaced by the next `await inFlight`
        inFlight = write;
      };
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > expected.size) throw new DigestMismatchError(`upload of ${sha256} is longer than the declared ${expected.size} bytes; nothing was stored`);
        sha.update(chunk);
        md5.update(chunk);
        batch.push(chunk);
        batchBytes += chunk.byteLength;
        if (batchBytes >= WRITE_BATCH_BYTES) await flush();
      }
      if (batchBytes > 0) await flush();
      await inFlight;
      stored = { size, sha256: sha.digest("hex"), md5: md5.digest("base64") };
      verifyUpload(sha256, expected, stored);
      await handle.datasync();
    } catch (error) {
      await handle.close();
      await fs.promises.rm(tmpPath, { force: true });
      throw error;
    }
    await handle.close();
    const dir = path.dirname(finalPath);
    if (!this.knownDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.knownDirs.add(dir);
    }
    // rename is atomic: readers see no blob or the whole blob, never a part of one.
    await fs.promises.rename(tmpPath, finalPath);
    return stored;
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = this.pathOf(sha256);
    try {
      const handle = await fs.promises.open(file, "r");
      return handle.createReadStream({ highWaterMark: 1 << 20, start: range?.start, end: range?.end });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotFoundError(`blob ${sha256} is not stored`);
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  async sweepTemp(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of await fs.promises.readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) {
        await fs.promises.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
