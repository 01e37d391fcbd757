import { createHash, type Hash } from "node:crypto";
import { DigestMismatchError } from "../errors";
import type { PutExpectation, StagedExpectation, StagedObject, StoredBlob } from "./blob-store";

/**
 * Hashes bytes on their way into a store and checks them against what the uploader declared.
 * One verifier for every store (local, encrypting, S3): the rules for "what was stored is what was
 * declared" live here once.
 *
 * An `opaque` put (a wrapping store's ciphertext, whose plaintext the wrapper already hashed and
 * checked) is only counted: hashing the ciphertext again checked nothing anybody reads (its digests
 * were thrown away) and cost a second SHA-256 + MD5 pass over every encrypted byte, on the event loop.
 */
export class PutVerifier implements BodyVerifier<StoredBlob> {
  private readonly sha: Hash | null;
  private readonly md5: Hash | null;
  private size = 0;

  constructor(
    private readonly sha256: string,
    private readonly expected: PutExpectation,
  ) {
    this.sha = expected.opaque ? null : createHash("sha256");
    this.md5 = expected.opaque && expected.md5 === undefined ? null : createHash("md5");
  }

  /** Throws as soon as the bytes run past the declared size, so a long upload is cut short. */
  update(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    if (this.size > this.expected.size) throw new DigestMismatchError(`upload of ${this.sha256} is longer than the declared ${this.expected.size} bytes; nothing was stored`);
    this.sha?.update(chunk);
    this.md5?.update(chunk);
  }

  /**
   * The size and digests of everything seen, once they match the declaration. `opaque`: the SHA-256 is not
   * computed (the key is answered), nor the MD5 unless one was declared (then "" is never answered).
   */
  finish(): StoredBlob {
    const actual: StoredBlob = { size: this.size, sha256: this.sha?.digest("hex") ?? this.sha256, md5: this.md5?.digest("base64") ?? "" };
    const { sha256, expected } = this;
    if (actual.size !== expected.size) {
      throw new DigestMismatchError(`upload of ${sha256} has ${actual.size} bytes, but ${expected.size} were declared; nothing was stored`);
    }
    if (!expected.opaque && actual.sha256 !== sha256) {
      throw new DigestMismatchError(`uploaded bytes hash to SHA-256 ${actual.sha256}, not the declared ${sha256}; nothing was stored`);
    }
    if (expected.md5 !== undefined && actual.md5 !== expected.md5) {
      throw new DigestMismatchError(`uploaded bytes hash to MD5 ${actual.md5}, not the declared ${expected.md5}; nothing was stored`);
    }
    return actual;
  }
}

/** What a store needs of a verifier while it streams a body in: checks as bytes arrive, then a final verdict. */
export interface BodyVerifier<T> {
  update(chunk: Uint8Array): void;
  finish(): T;
}

/** PutVerifier's rules for staged objects: no content key, the size and (when declared) a hex MD5. */
export class StagedVerifier implements BodyVerifier<StagedObject> {
  private readonly md5: Hash | null;
  private size = 0;

  constructor(
    private readonly key: string,
    private readonly expected: StagedExpectation,
  ) {
    this.md5 = expected.md5Hex === undefined ? null : createHash("md5");
  }

  update(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    if (this.size > this.expected.size) throw new DigestMismatchError(`staged object ${this.key} is longer than the declared ${this.expected.size} bytes; nothing was kept`);
    this.md5?.update(chunk);
  }

  finish(): StagedObject {
    const actual: StagedObject = { size: this.size, md5Hex: this.md5?.digest("hex") ?? "" };
    const { key, expected } = this;
    if (actual.size !== expected.size) throw new DigestMismatchError(`staged object ${key} has ${actual.size} bytes, but ${expected.size} were declared; nothing was kept`);
    if (expected.md5Hex !== undefined && actual.md5Hex !== expected.md5Hex.toLowerCase()) {
      throw new DigestMismatchError(`staged object ${key} hashes to MD5 ${actual.md5Hex}, not the declared ${expected.md5Hex}; nothing was kept`);
    }
    return actual;
  }
}
