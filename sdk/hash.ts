import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface FileHashes {
  /** base64 MD5: the W&B entry digest. */
  md5: string;
  /** hex SHA-256: the blob key. */
  sha256: string;
  size: number;
}

export const CHUNK_SIZE = 1 << 20;

/**
 * Both hashes in one read pass with 1 MiB chunks, on this thread: for checking local files against downloaded
 * entries and for file:// references, whose digest is the MD5. Logging hashes SHA-256 only (hash-pool.ts).
 */
export async function hashFile(path: string, onBytes?: (bytes: number) => void): Promise<FileHashes> {
  const md5 = createHash("md5");
  const sha256 = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_SIZE }) as AsyncIterable<Buffer>) {
    md5.update(chunk);
    sha256.update(chunk);
    size += chunk.length;
    onBytes?.(chunk.length);
  }
  return { md5: md5.digest("base64"), sha256: sha256.digest("hex"), size };
}
