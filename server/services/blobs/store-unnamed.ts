import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { DigestMismatchError } from "../../errors";
import type { ServiceContext } from "../../context";
import { uploadBlob, type UploadResult } from "./blobs";

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
  input: { md5: string; size: number; body: AsyncIterable<Uint8Array>; spoolDir: string },
): Promise<UploadResult> {
  fs.mkdirSync(input.spoolDir, { recursive: true });
  const spool = path.join(input.spoolDir, `upload-${randomBytes(8).toString("hex")}`);
  try {
    const md5 = createHash("md5");
    const sha = createHash("sha256");
    let size = 0;
    await pipeline(
      input.body,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          md5.update(chunk);
          sha.update(chunk);
          size += chunk.byteLength;
          yield chunk;
        }
      },
      fs.createWriteStream(spool, { mode: 0o600 }),
    );
    const gotMd5 = md5.digest("base64");
    if (size !== input.size || gotMd5 !== input.md5) {
      throw new DigestMismatchError(`the upload has ${size} bytes with MD5 ${gotMd5}, but ${input.size} bytes with MD5 ${input.md5} were expected; nothing was stored`);
    }
    return await uploadBlob(ctx, { sha256: sha.digest("hex"), size, md5: gotMd5, body: fs.createReadStream(spool, { highWaterMark: 1024 * 1024 }) });
  } finally {
    fs.rmSync(spool, { force: true });
  }
}
