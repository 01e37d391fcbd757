import type { Readable } from "node:stream";
import { DigestMismatchError } from "../errors";

export interface StoredBlob {
  sha256: string;
  size: number;
  /** base64 MD5 of the bytes: the W&B entry digest. */
  md5: string;
}

export interface PutExpectation {
  size: number;
  /** base64 MD5; verified when given. */
  md5?: string;
}

/**
 * Where file bytes live, keyed by SHA-256. Implementations verify what they are given
 * and never expose a half-written blob: a blob is either absent or complete.
 * The local directory is the default; an S3-compatible store implements the same five calls.
 */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: PutExpectation): Promise<StoredBlob>;
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  delete(sha256: string): Promise<void>;
  /** Removes leftovers of uploads that were killed mid-way. */
  sweepTemp(olderThanMs: number): Promise<number>;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** What every store checks before a blob becomes visible: the bytes are what the client declared. */
export function verifyUpload(sha256: string, expected: PutExpectation, actual: StoredBlob): void {
  if (actual.size !== expected.size) {
    throw new DigestMismatchError(`upload of ${sha256} has ${actual.size} bytes, but ${expected.size} were declared; nothing was stored`);
  }
  if (actual.sha256 !== sha256) {
    throw new DigestMismatchError(`uploaded bytes hash to SHA-256 ${actual.sha256}, not the declared ${sha256}; nothing was stored`);
  }
  if (expected.md5 !== undefined && actual.md5 !== expected.md5) {
    throw new DigestMismatchError(`uploaded bytes hash to MD5 ${actual.md5}, not the declared ${expected.md5}; nothing was stored`);
  }
}
