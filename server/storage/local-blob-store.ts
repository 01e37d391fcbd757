import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { NotFoundError, ValidationError } from "../errors";
import { SHA256_PATTERN, checkStagedKey, type BlobStore, type PutExpectation, type StagedExpectation, type StagedObject, type StoredBlob, type SweepOptions } from "./blob-store";
import { PutVerifier, StagedVerifier, type BodyVerifier } from "./verify";

/**
 * Bytes per write of an upload's temp file: 128 KiB, as `cp` writes. One write of 1 MiB (a writev of sixteen 64 KiB
 * socket chunks counts as one) cost the kernel 5x the system time of eight 128 KiB writes here (Linux 6.18 ext4:
 * 3.8 s against 0.73 s for 1,000 files of 1 MiB; `dd bs=1M` against `bs=128k` the same), the biggest single CPU cost
 * of a first `arca log` on the server (issue 13).
 */
const WRITE_BATCH_BYTES = 128 << 10;
const WRITES_IN_FLIGHT = 8;

/** Blobs as files under `root/ab/cd/<sha256>`, staged objects under `root/tmp/staged/`; uploads stream into `root/tmp` and are renamed in when verified. */
export class LocalBlobStore implements BlobStore {
  private readonly tmpDir: string;
  private readonly stagedDir: string;
  /** Fan-out folders already created (at most 65,536): saves a mkdir per upload. */
  private readonly knownDirs = new Set<string>();

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, "tmp");
    this.stagedDir = path.join(this.tmpDir, "staged");
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
    return this.writeVerified(finalPath, sha256, body, new PutVerifier(sha256, expected));
  }

  /**
   * Streams `body` into a temp file under `tmp/`, and renames it to `finalPath` once `verifier` passed:
   * rename is atomic, so readers see no file or the whole file, never a part of one.
   */
  private async writeVerified<T>(finalPath: string, tmpName: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, verifier: BodyVerifier<T>): Promise<T> {
    const tmpPath = path.join(/*turbopackIgnore: true*/ this.tmpDir, `${tmpName}.${randomBytes(6).toString("hex")}`);
    let verified: T;
    const handle = await fs.promises.open(/*turbopackIgnore: true*/ tmpPath, "wx").catch((error: unknown) => {
      verifier.close();
      throw error;
    });
    try {
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      let position = 0;
      // A few writes in flight, each at its own offset, while the next batch arrives and is hashed: the disk never
      // waits for the CPU, and a lone big upload is not held to one thread-pool round trip per 128 KiB (a busy
      // machine made that the limit). Memory stays at WRITES_IN_FLIGHT batches. Chunks are written as they came
      // (writev), never copied.
      const inFlight = new Set<Promise<void>>();
      const flush = async () => {
        const chunks = batch;
        const at = position;
        position += batchBytes;
        batch = [];
        batchBytes = 0;
        while (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
        const write: Promise<void> = handle.writev(chunks, at).then(() => void inFlight.delete(write));
        write.catch(() => undefined); // surfaced by the next race, or the wait for all below
        inFlight.add(write);
      };
      for await (const chunk of body) {
        await verifier.update(chunk);
        batch.push(chunk);
        batchBytes += chunk.byteLength;
        if (batchBytes >= WRITE_BATCH_BYTES) await flush();
      }
      if (batchBytes > 0) await flush();
      const written = Promise.all(inFlight);
      // The temp file is flushed while the hashing threads finish: neither waits for the other. Nothing is
      // renamed before both are done, so a blob is still verified and durable before anyone can see it.
      const [verdict, synced] = await Promise.allSettled([verifier.finish(), written.then(() => handle.datasync())]);
      if (verdict.status === "rejected") throw verdict.reason;
      if (synced.status === "rejected") throw synced.reason;
      verified = verdict.value;
    } catch (error) {
      verifier.close();
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
    await fs.promises.rename(tmpPath, finalPath);
    return verified;
  }

  /** Staged objects are files `tmp/staged/<key>`: under `tmp/` with the other things nobody backs up. */
  private stagedPathOf(key: string): string {
    checkStagedKey(key);
    return path.join(/*turbopackIgnore: true*/ this.stagedDir, key);
  }

  async putStaged(key: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: StagedExpectation): Promise<StagedObject> {
    return this.writeVerified(this.stagedPathOf(key), `staged-${key}`, body, new StagedVerifier(key, expected));
  }

  async readStaged(key: string): Promise<Readable> {
    try {
      const handle = await fs.promises.open(this.stagedPathOf(key), "r");
      return handle.createReadStream({ highWaterMark: 1 << 20 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotFoundError(`staged object ${key} is not stored`);
      throw error;
    }
  }

  async deleteStaged(key: string): Promise<void> {
    await fs.promises.rm(this.stagedPathOf(key), { force: true });
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = this.pathOf(sha256);
    try {
      // A small range (a small file asked by its size, a table part's page) is one synchronous read:
      // microseconds from the page cache, where open/read/close through the thread pool cost three
      // round trips and a 1 MiB read buffer each (issue 13).
      const length = range ? range.end - range.start + 1 : Infinity;
      if (length <= SMALL_READ) return Readable.from([readSmall(file, range!.start, length)], { objectMode: false });
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

  async sweepTemp(olderThanMs: number, opts: SweepOptions = {}): Promise<number> {
    const now = Date.now();
    return (await sweepFiles(this.tmpDir, now - olderThanMs)) + (await sweepFiles(this.stagedDir, now - (opts.stagedOlderThanMs ?? olderThanMs)));
  }
}

const SMALL_READ = 64 * 1024;

function readSmall(file: string, start: number, length: number): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(length);
    const n = fs.readSync(fd, buffer, 0, length, start);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes the files directly in `dir` last modified before `cutoff` (a write in progress keeps touching its file); folders are left alone. */
async function sweepFiles(dir: string, cutoff: number): Promise<number> {
  let removed = 0;
  const names = await fs.promises.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && stat.isFile() && stat.mtimeMs < cutoff) {
      await fs.promises.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
