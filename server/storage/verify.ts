import { DigestMismatchError } from "../errors";
import { createStreamHasher, type HashAlgorithm, type StreamHasher } from "../workers/hash-threads";
import type { PutExpectation, StagedExpectation, StagedObject, StoredBlob } from "./blob-store";

/**
 * Hashes bytes on their way into a store and checks them against what the uploader declared.
 * One verifier for every store (local, encrypting, S3): the rules for "what was stored is what was
 * declared" live here once. The hashing itself runs on worker threads for bodies big enough
 * (server/workers/hash-threads.ts); the verdict is still `finish()`'s, and a store publishes nothing before it.
 *
 * An `opaque` put (a wrapping store's ciphertext, whose plaintext the wrapper already hashed and
 * checked) is only counted: hashing the ciphertext again checked nothing anybody reads (its digests
 * were thrown away) and cost a second SHA-256 + MD5 pass over every encrypted byte.
 */
export class PutVerifier implements BodyVerifier<StoredBlob> {
  private readonly hasher: StreamHasher;
  private size = 0;

  constructor(
    private readonly sha256: string,
    private readonly expected: PutExpectation,
  ) {
    const algorithms: HashAlgorithm[] = [];
    if (!expected.opaque) algorithms.push("sha256");
    if (!expected.opaque || expected.md5 !== undefined) algorithms.push("md5");
    this.hasher = createStreamHasher(algorithms, expected.size);
  }

  /** Throws as soon as the bytes run past the declared size, so a long upload is cut short. */
  update(chunk: Uint8Array): void | Promise<void> {
    this.size += chunk.byteLength;
    if (this.size > this.expected.size) throw new DigestMismatchError(`upload of ${this.sha256} is longer than the declared ${this.expected.size} bytes; nothing was stored`);
    return this.hasher.update(chunk);
  }

  /**
   * The size and digests of everything seen, once they match the declaration. `opaque`: the SHA-256 is not
   * computed (the key is answered), nor the MD5 unless one was declared (then "" is never answered).
   */
  async finish(): Promise<StoredBlob> {
    const { sha256, expected } = this;
    // The size first: a short body is refused without waiting for its digests.
    if (this.size !== expected.size) {
      this.hasher.close();
      throw new DigestMismatchError(`upload of ${sha256} has ${this.size} bytes, but ${expected.size} were declared; nothing was stored`);
    }
    const digests = await this.hasher.digest();
    const actual: StoredBlob = { size: this.size, sha256: digests.sha256?.toString("hex") ?? sha256, md5: digests.md5?.toString("base64") ?? "" };
    if (!expected.opaque && actual.sha256 !== sha256) {
      throw new DigestMismatchError(`uploaded bytes hash to SHA-256 ${actual.sha256}, not the declared ${sha256}; nothing was stored`);
    }
    if (expected.md5 !== undefined && actual.md5 !== expected.md5) {
      throw new DigestMismatchError(`uploaded bytes hash to MD5 ${actual.md5}, not the declared ${expected.md5}; nothing was stored`);
    }
    return actual;
  }

  close(): void {
    this.hasher.close();
  }
}

/**
 * What a store needs of a verifier while it streams a body in: checks as bytes arrive, then a final verdict.
 * `update` may answer a promise (the hashing threads are busy: backpressure); await it before the next chunk.
 * A store that gives up on a body before `finish` calls `close` (the hashing threads forget it).
 */
export interface BodyVerifier<T> {
  update(chunk: Uint8Array): void | Promise<void>;
  finish(): Promise<T>;
  close(): void;
}

/** PutVerifier's rules for staged objects: no content key, the size and (when declared) a hex MD5. */
export class StagedVerifier implements BodyVerifier<StagedObject> {
  private readonly hasher: StreamHasher;
  private size = 0;

  constructor(
    private readonly key: string,
    private readonly expected: StagedExpectation,
  ) {
    this.hasher = createStreamHasher(expected.md5Hex === undefined ? [] : ["md5"], expected.size);
  }

  update(chunk: Uint8Array): void | Promise<void> {
    this.size += chunk.byteLength;
    if (this.size > this.expected.size) throw new DigestMismatchError(`staged object ${this.key} is longer than the declared ${this.expected.size} bytes; nothing was kept`);
    return this.hasher.update(chunk);
  }

  async finish(): Promise<StagedObject> {
    const { key, expected } = this;
    if (this.size !== expected.size) {
      this.hasher.close();
      throw new DigestMismatchError(`staged object ${key} has ${this.size} bytes, but ${expected.size} were declared; nothing was kept`);
    }
    const actual: StagedObject = { size: this.size, md5Hex: (await this.hasher.digest()).md5?.toString("hex") ?? "" };
    if (expected.md5Hex !== undefined && actual.md5Hex !== expected.md5Hex.toLowerCase()) {
      throw new DigestMismatchError(`staged object ${key} hashes to MD5 ${actual.md5Hex}, not the declared ${expected.md5Hex}; nothing was kept`);
    }
    return actual;
  }

  close(): void {
    this.hasher.close();
  }
}
