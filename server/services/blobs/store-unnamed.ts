import { createHash, randomBytes, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DigestMismatchError } from "../../errors";
import type { ServiceContext } from "../../context";
import { findBlobByMd5 } from "@/db/queries/blobs";
import { withKeyLock } from "../locks";
import { findMissingBlobs, uploadBlob, type UploadResult } from "./blobs";

/** Where W&B uploads are spooled, under the data dir. */
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

/** Where part `n` of a multipart upload waits for the others (named by a hash: upload ids are long). */
export function partPath(spoolDir: string, uploadId: string, n: number): string {
  return path.join(spoolDir, `part-${createHash("sha256").update(uploadId).digest("hex").slice(0, 32)}-${n}`);
}

/** Receives one part: spooled, and kept only when its size and MD5 (hex) are the ones announced. */
export async function spoolPart(input: { file: string; md5Hex: string; size: number; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> }): Promise<string> {
  fs.mkdirSync(path.dirname(input.file), { recursive: true });
  const temp = `${input.file}.${randomBytes(4).toString("hex")}`;
  try {
    const md5 = createHash("md5");
    const size = await spoolHashed(input.body, temp, [md5]);
    const got = md5.digest("hex");
    if (size !== input.size || got !== input.md5Hex.toLowerCase()) {
      throw new DigestMismatchError(`the part has ${size} bytes with MD5 ${got}, but ${input.size} bytes with MD5 ${input.md5Hex} were announced; send it again`);
    }
    fs.renameSync(temp, input.file);
    return got;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Stores the parts of a multipart upload as one blob: one pass hashes them (MD5 of the whole file
 * checked against the expected one, SHA-256 for the key), a second streams them into the blob store.
 * The parts are removed whatever happens; a failed completion is uploaded again by the client.
 */
async function storeSpooledParts(ctx: ServiceContext, input: { files: string[]; md5: string }): Promise<UploadResult> {
  try {
    const missing = input.files.findIndex((f) => !fs.existsSync(f));
    if (missing >= 0) throw new DigestMismatchError(`part ${missing + 1} of the multipart upload never arrived; upload the file again`);
    const md5 = createHash("md5");
    const sha = createHash("sha256");
    let size = 0;
    for await (const chunk of concat(input.files)) {
      md5.update(chunk);
      sha.update(chunk);
      size += chunk.byteLength;
    }
    const gotMd5 = md5.digest("base64");
    if (gotMd5 !== input.md5) throw new DigestMismatchError(`the parts put together have MD5 ${gotMd5}, but the file has ${input.md5}; upload it again`);
    return await uploadBlob(ctx, { sha256: sha.digest("hex"), size, md5: gotMd5, body: concat(input.files) });
  } finally {
    for (const file of input.files) fs.rmSync(file, { force: true });
  }
}

/**
 * CompleteMultipartUploadArtifact: idempotent, because the client retries it when putting 2 GiB
 * together outlasts its request timeout. One completion per upload runs at a time; a retry after
 * (or while) the parts became a blob finds the blob by MD5 and succeeds without the parts.
 */
export async function completeSpooledUpload(ctx: ServiceContext, input: { spoolDir: string; uploadId: string; md5: string; parts: number }): Promise<{ md5: string }> {
  return withKeyLock(`wandb-multipart:${input.uploadId}`, async () => {
    const done = await findBlobByMd5(ctx, input.md5);
    if (done) {
      await findMissingBlobs(ctx, [done]); // leased until the manifest names it
      return { md5: input.md5 };
    }
    const files = Array.from({ length: input.parts }, (_, i) => partPath(input.spoolDir, input.uploadId, i + 1));
    return { md5: (await storeSpooledParts(ctx, { files, md5: input.md5 })).md5 };
  });
}

async function* concat(files: string[]): AsyncGenerator<Uint8Array> {
  for (const file of files) yield* fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>;
}
