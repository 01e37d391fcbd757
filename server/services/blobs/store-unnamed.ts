import { createHash, randomBytes, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DigestMismatchError, NotFoundError } from "../../errors";
import type { ServiceContext } from "../../context";
import { findBlobByMd5 } from "@/db/queries/blobs";
import { findMissingBlobs, uploadBlob, type UploadResult } from "./blobs";

/** Where single-request W&B uploads (`put-file`) are spooled, under the data dir. */
export function spoolDirOf(dataDir: string): string {
  return path.join(dataDir, "tmp", "wandb-uploads");
}

/** Removes spool files of uploads killed mid-way (an upload in progress writes to its file all the time). */
export function sweepSpool(dataDir: string, olderThanMs: number, now: number): number {
  const dir = spoolDirOf(dataDir);
  let removed = 0;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    if (now - fs.statSync(file).mtimeMs > olderThanMs) {
      fs.rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Stores bytes known only by MD5 and size (what the W&B client uploads): they are spooled to a
 * temporary file while MD5 and SHA-256 are computed, checked against the expected MD5, and then
 * stored under their SHA-256 through the ordinary blob upload, which verifies them once more.
 * The spool costs one extra local write; the blob store still never sees unverified bytes.
 * The spool stays local (unlike multipart parts below): the whole file arrives in one request, so
 * one instance receives, checks and stores it, and nobody else ever needs the spool file.
 */
export async function storeBlobByMd5(
  ctx: ServiceContext,
  input: { md5: string; size: number; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; spoolDir: string },
): Promise<UploadResult> {
  fs.mkdirSync(input.spoolDir, { recursive: true });
  const spool = path.join(input.spoolDir, `upload-${randomBytes(8).toString("hex")}`);
  try {
    const md5 = createHash("md5");
    const sha = createHash("sha256");
    const size = await spoolHashed(input.body, spool, [md5, sha]);
    const gotMd5 = md5.digest("base64");
    if (size !== input.size || gotMd5 !== input.md5) {
      throw new DigestMismatchError(`the upload has ${size} bytes with MD5 ${gotMd5}, but ${input.size} bytes with MD5 ${input.md5} were expected; nothing was stored`);
    }
    return await uploadBlob(ctx, { sha256: sha.digest("hex"), size, md5: gotMd5, body: fs.createReadStream(spool, { highWaterMark: 1024 * 1024 }) });
  } finally {
    fs.rmSync(spool, { force: true });
  }
}

/** Writes a body to `file` (owner-only), feeding every chunk to `hashes` on the way; answers the byte count. */
async function spoolHashed(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string, hashes: Hash[]): Promise<number> {
  let size = 0;
  await pipeline(
    Readable.from(body),
    async function* (source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        for (const hash of hashes) hash.update(chunk);
        size += chunk.byteLength;
        yield chunk;
      }
    },
    fs.createWriteStream(file, { mode: 0o600 }),
  );
  return size;
}

/**
 * W&B multipart uploads (files of 2 GiB and more) across several instances: the client PUTs each part
 * to its own signed URL and then asks for completion, and behind a load balancer every one of those
 * requests may reach another instance. So parts are kept where every instance reads them, as staged
 * objects in the shared blob store (storage/blob-store.ts; encrypted at rest like blobs when
 * encryption is on), not in the receiving instance's data dir.
 */

/** The staged object part `n` of a multipart upload waits in (named by a hash: upload ids are long signed tokens). */
export function partKey(uploadId: string, n: number): string {
  return `wandb-part-${createHash("sha256").update(uploadId).digest("hex").slice(0, 32)}-${n}`;
}

/**
 * Receives one part: kept only when its size and MD5 (hex) are the ones announced (the store verifies
 * before the part becomes visible; a part sent again replaces the old one once it verified).
 * Answers the MD5 (hex), the part's ETag for the client.
 */
export async function stagePart(
  ctx: ServiceContext,
  input: { uploadId: string; n: number; md5Hex: string; size: number; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> },
): Promise<string> {
  try {
    return (await ctx.blobs.putStaged(partKey(input.uploadId, input.n), input.body, { size: input.size, md5Hex: input.md5Hex })).md5Hex;
  } catch (error) {
    if (error instanceof DigestMismatchError) throw new DigestMismatchError(`part ${input.n} of the multipart upload was refused (${error.message}); send it again`);
    throw error;
  }
}

/**
 * Stores the parts of a multipart upload as one blob: one pass reads them back in order and hashes
 * them (MD5 of the whole file checked against the expected one, SHA-256 for the key), a second streams
 * them into the ordinary blob upload, which verifies once more. Two reads of the staged parts rather
 * than a local copy: no instance needs disk for a whole file it did not receive.
 */
async function storeStagedParts(ctx: ServiceContext, input: { keys: string[]; md5: string }): Promise<UploadResult> {
  const md5 = createHash("md5");
  const sha = createHash("sha256");
  let size = 0;
  for await (const chunk of readParts(ctx, input.keys)) {
    md5.update(chunk);
    sha.update(chunk);
    size += chunk.byteLength;
  }
  const gotMd5 = md5.digest("base64");
  if (gotMd5 !== input.md5) throw new DigestMismatchError(`the parts put together have MD5 ${gotMd5}, but the file has ${input.md5}; upload it again`);
  const sha256 = sha.digest("hex");
  // Bytes already stored under this SHA-256 (another upload of the same file): lease them, skip the second read.
  if ((await findMissingBlobs(ctx, [{ sha256, size }])).length === 0) return { sha256, size, md5: gotMd5, created: false };
  return uploadBlob(ctx, { sha256, size, md5: gotMd5, body: readParts(ctx, input.keys) });
}

/**
 * CompleteMultipartUploadArtifact: idempotent, because the client retries it when putting 2 GiB
 * together outlasts its request timeout, and the retry may reach another instance while the first
 * attempt still runs. One completion per upload runs at a time across all instances (a database lock:
 * an advisory lock on PostgreSQL); a retry after (or while) the parts became a blob waits, finds the
 * blob by MD5 and succeeds without the parts.
 *
 * The parts are removed once the blob is stored, and when they can never make the file (one is
 * missing, or they do not add up to its MD5: the client uploads it again). Another failure (the store
 * unreachable) keeps them for a retried completion; the sweep removes them if none comes.
 */
export async function completeMultipartUpload(ctx: ServiceContext, input: { uploadId: string; md5: string; parts: number }): Promise<{ md5: string }> {
  const keys = Array.from({ length: input.parts }, (_, i) => partKey(input.uploadId, i + 1));
  return ctx.sql.withLock(`wandb-multipart:${input.uploadId}`, async () => {
    const done = await findBlobByMd5(ctx, input.md5);
    if (done) {
      await findMissingBlobs(ctx, [done]); // leased until the manifest names it
      await removeParts(ctx, keys); // a retry finds none; the same file uploaded twice leaves its second parts
      return { md5: input.md5 };
    }
    let stored: UploadResult;
    try {
      stored = await storeStagedParts(ctx, { keys, md5: input.md5 });
    } catch (error) {
      if (error instanceof DigestMismatchError) await removeParts(ctx, keys);
      throw error;
    }
    await removeParts(ctx, keys);
    return { md5: stored.md5 };
  });
}

async function removeParts(ctx: ServiceContext, keys: string[]): Promise<void> {
  for (const key of keys) await ctx.blobs.deleteStaged(key);
}

/** The parts' bytes in order; a part that is not staged fails the read with a DigestMismatchError naming it. */
async function* readParts(ctx: ServiceContext, keys: string[]): AsyncGenerator<Uint8Array> {
  for (const [i, key] of keys.entries()) {
    let part: Readable;
    try {
      part = await ctx.blobs.readStaged(key);
    } catch (error) {
      if (error instanceof NotFoundError) throw new DigestMismatchError(`part ${i + 1} of the multipart upload never arrived; upload the file again`);
      throw error;
    }
    yield* part as AsyncIterable<Uint8Array>;
  }
}
