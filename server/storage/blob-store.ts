import type { Readable } from "node:stream";
import { ValidationError } from "../errors";

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

export interface StagedExpectation {
  size: number;
  /**
   * Hex MD5 of the bytes (what the W&B client announces per part); verified when given. Left out by a
   * wrapping store whose ciphertext it cannot know: then only the size is checked (it checked the plaintext).
   */
  md5Hex?: string;
}

export interface StagedObject {
  size: number;
  /** Hex MD5 of the bytes; "" when none was declared (a wrapping store's ciphertext). */
  md5Hex: string;
}

export interface SweepOptions {
  /**
   * Staged objects are removed once older than this (default `olderThanMs`). A caller sweeping young
   * leftovers (start-up: minutes) keeps staged objects for as long as the upload that staged them may
   * still complete (a W&B multipart upload: its id's lifetime, hours).
   */
  stagedOlderThanMs?: number;
}

/**
 * Where file bytes live, keyed by SHA-256. Implementations verify what they are given
 * and never expose a half-written blob: a blob is either absent or complete.
 * The local directory is the default; an S3-compatible store implements the same calls.
 *
 * Besides blobs, a store keeps "staged" objects: temporary bytes named by the caller, not by their
 * content, that every instance sharing the store can read (the parts of a W&B multipart upload,
 * received by any instance behind a load balancer and put together by any other). They are verified
 * like blobs (size, and MD5 when declared) and never visible half-written; a new put under the same
 * key replaces the old object only once it verified. They are never blobs: `has`/`read` do not see them,
 * and `sweepTemp` removes the ones left over.
 */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: PutExpectation): Promise<StoredBlob>;
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  delete(sha256: string): Promise<void>;
  /** Stores a staged object under `key` (STAGED_KEY_PATTERN) once its bytes match `expected`; DigestMismatchError otherwise, and nothing is kept. */
  putStaged(key: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: StagedExpectation): Promise<StagedObject>;
  /** The bytes of a staged object; NotFoundError when there is none under `key`. */
  readStaged(key: string): Promise<Readable>;
  /** Removes a staged object; removing an absent one is not an error. */
  deleteStaged(key: string): Promise<void>;
  /** Removes leftovers of uploads that were killed mid-way, and staged objects nobody came back for. */
  sweepTemp(olderThanMs: number, opts?: SweepOptions): Promise<number>;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;


/** Names of staged objects: one path segment (no "/"), so a key can never reach outside the staging area. */
export const STAGED_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function checkStagedKey(key: string): void {
  if (!STAGED_KEY_PATTERN.test(key)) throw new ValidationError(`invalid staged object key ${JSON.stringify(key)}: expected letters, digits, ".", "_" or "-" (at most 200)`);
}
