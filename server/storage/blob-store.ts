import type { Readable } from "node:stream";

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
  /**
   * The bytes are not the content the key names (a wrapping store's ciphertext): the store checks
   * the size (and MD5 if given) but does not hash the bytes otherwise: it answers the key as `sha256`
   * and "" as `md5` unless one was declared. The wrapper verified the content itself. An option rather than a sixth call: every
   * store already verifies, this only says which check does not apply.
   */
  opaque?: boolean;
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

