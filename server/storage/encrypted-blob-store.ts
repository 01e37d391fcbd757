import { createCipheriv, createDecipheriv, createHash, randomBytes, type CipherGCM } from "node:crypto";
import { Readable } from "node:stream";
import { EncryptionKeyMismatchError, UnreadableBlobError } from "../errors";
import { checkStagedKey, type BlobStore, type PutExpectation, type StagedExpectation, type StagedObject, type StoredBlob, type SweepOptions } from "./blob-store";
import type { Keyring } from "./keyring";
import { PutVerifier, StagedVerifier, type BodyVerifier } from "./verify";

/**
 * Encrypted blob layout (docs/security.md, "Encryption at rest"):
 *
 *   header (40 bytes): "ARCAENC1" | key id (8 ASCII hex) | chunk size (u32 BE) | plaintext size (u64 BE) | nonce (12)
 *   then ceil(size / chunk size) chunks (one empty chunk for an empty blob), each
 *   AES-256-GCM(plaintext chunk) followed by its 16-byte tag.
 *
 * Chunk i's IV is the nonce with i XORed into its last 4 bytes, and its AAD is
 * header | SHA-256 of the plaintext (32 bytes) | i (u32 BE) | last-chunk flag (1 byte).
 * So a chunk cannot be moved to another position or blob, the header (size included) cannot be
 * edited, and a blob cut short is detected. Fixed-size chunks let a range read decrypt only the
 * chunks it covers.
 */
export const MAGIC = Buffer.from("ARCAENC1", "ascii");
export const HEADER_BYTES = 40;
export const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
/** Refuse absurd chunk sizes from a damaged header rather than allocate them. */
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

interface Header {
  raw: Buffer;
  keyId: string;
  chunkBytes: number;
  size: number;
  nonce: Buffer;
}

export function chunkCount(size: number, chunkBytes = CHUNK_BYTES): number {
  return Math.max(1, Math.ceil(size / chunkBytes));
}

/** Bytes an encrypted blob of `size` plaintext bytes takes in the inner store. */
export function encryptedSize(size: number, chunkBytes = CHUNK_BYTES): number {
  return HEADER_BYTES + size + chunkCount(size, chunkBytes) * TAG_BYTES;
}

/**
 * A BlobStore decorator that encrypts what it stores in any inner store. Keys stay the plaintext's
 * SHA-256 (dedup keeps working; only the database holds them). Blobs stored before encryption was
 * turned on have no header and are read as they are, so turning it on needs no migration.
 */
export class EncryptedBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly keyring: Keyring,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  get currentKeyId(): string {
    return this.keyring.current.id;
  }

  has(sha256: string): Promise<boolean> {
    return this.inner.has(sha256);
  }

  delete(sha256: string): Promise<void> {
    return this.inner.delete(sha256);
  }

  sweepTemp(olderThanMs: number, opts?: SweepOptions): Promise<number> {
    return this.inner.sweepTemp(olderThanMs, opts);
  }

  async put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: PutExpectation): Promise<StoredBlob> {
    const verifier = new PutVerifier(sha256, expected);
    const sealed = this.sealed(Buffer.from(sha256, "hex"), body, expected.size, verifier);
    // The inner store checks the ciphertext's length; the plaintext's digests are checked by the verifier
    // inside `seal`, which throws before its last step so the inner store never publishes a bad blob.
    try {
      await this.inner.put(sha256, sealed.body, { size: encryptedSize(expected.size, this.chunkBytes), opaque: true });
    } finally {
      verifier.close(); // an inner store that gave up early: the hashing threads forget the body
    }
    return sealed.verified();
  }

  /**
   * Staged objects (W&B multipart parts: user data like any blob) are encrypted too, in the same
   * layout. Their AAD binds them to their key instead of a content hash they do not have yet, so a
   * staged object cannot be passed off under another key, or as a blob.
   */
  async putStaged(key: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: StagedExpectation): Promise<StagedObject> {
    checkStagedKey(key);
    const verifier = new StagedVerifier(key, expected);
    const sealed = this.sealed(stagedBinding(key), body, expected.size, verifier);
    try {
      await this.inner.putStaged(key, sealed.body, { size: encryptedSize(expected.size, this.chunkBytes) });
    } finally {
      verifier.close();
    }
    return sealed.verified();
  }

  async readStaged(key: string): Promise<Readable> {
    checkStagedKey(key);
    const source = await this.inner.readStaged(key);
    return Readable.from(this.openStaged(key, source));
  }

  deleteStaged(key: string): Promise<void> {
    return this.inner.deleteStaged(key);
  }

  /** Reads the header off the front of a staged object's stream, then decrypts the rest; a part staged before encryption was on passes as it is. */
  private async *openStaged(key: string, source: Readable): AsyncGenerator<Buffer> {
    const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    async function* rest(head: Buffer): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    }
    try {
      let head = Buffer.alloc(0);
      while (head.length < HEADER_BYTES) {
        const next = await iterator.next();
        if (next.done) break;
        head = Buffer.concat([head, next.value]);
      }
      const label = `staged object ${key}`;
      const header = parseHeader(head.subarray(0, HEADER_BYTES), label);
      if (!header) return yield* rest(head);
      const last = chunkCount(header.size, header.chunkBytes) - 1;
      const cipherKey = this.keyFor(header, () => new UnreadableBlobError(`${label} is encrypted with key id ${header.keyId}, which this server lacks: upload the file again`));
      yield* this.open(label, stagedBinding(key), rest(head.subarray(HEADER_BYTES)), header, cipherKey, 0, last, 0, header.size - last * header.chunkBytes);
    } finally {
      source.destroy();
    }
  }

  /** `body` encrypted under the current key: the ciphertext to hand the inner store, and the verifier's verdict once it was all read. */
  private sealed<T>(binding: Buffer, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, size: number, verifier: BodyVerifier<T>): { body: AsyncGenerator<Buffer>; verified: () => T } {
    const { current } = this.keyring;
    const header = encodeHeader({ keyId: current.id, chunkBytes: this.chunkBytes, size, nonce: randomBytes(12) });
    let result: { value: T } | undefined;
    return {
      body: this.seal(binding, body, verifier, header, current.key, (value) => (result = { value })),
      verified: () => {
        if (!result) throw new Error("unreachable: the inner store kept an object before reading all of it");
        return result.value;
      },
    };
  }

  private async *seal<T>(
    binding: Buffer,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    verifier: BodyVerifier<T>,
    header: Header,
    key: Buffer,
    onVerified: (verified: T) => void,
  ): AsyncGenerator<Buffer> {
    yield header.raw;
    const shaBytes = binding;
    const total = chunkCount(header.size, header.chunkBytes);
    let index = 0;
    let filled = 0;
    let cipher: CipherGCM | null = startCipher(key, header, shaBytes, 0, total);
    const closeChunk = (c: CipherGCM): Buffer => {
      const out = Buffer.concat([c.final(), c.getAuthTag()]);
      index++;
      filled = 0;
      cipher = index < total ? startCipher(key, header, shaBytes, index, total) : null;
      return out;
    };
    for await (const chunk of body) {
      await verifier.update(chunk); // throws once the body runs past the declared size, so `cipher` is set below
      let offset = 0;
      while (offset < chunk.byteLength && cipher) {
        const n = Math.min(header.chunkBytes - filled, chunk.byteLength - offset);
        yield cipher.update(chunk.subarray(offset, offset + n));
        offset += n;
        filled += n;
        if (filled === header.chunkBytes) yield closeChunk(cipher);
      }
    }
    const verified = await verifier.finish(); // a short or wrong body fails here, before the last chunk is sealed
    if (cipher) yield closeChunk(cipher);
    onVerified(verified);
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const header = await this.readHeader(sha256);
    if (!header) return this.inner.read(sha256, range);
    const label = `blob ${sha256}`;
    const key = this.keyFor(header, () => new EncryptionKeyMismatchError(sha256, header.keyId, this.keyring.current.id));
    const { size, chunkBytes } = header;
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1); // inclusive, clamped like a file read past its end
    if (start > end) return Readable.from([]);
    const first = Math.floor(start / chunkBytes);
    const last = Math.floor(end / chunkBytes);
    const frame = chunkBytes + TAG_BYTES;
    const lastFrameBytes = Math.min(chunkBytes, size - last * chunkBytes) + TAG_BYTES;
    const source = await this.inner.read(sha256, { start: HEADER_BYTES + first * frame, end: HEADER_BYTES + last * frame + lastFrameBytes - 1 });
    return Readable.from(this.open(label, Buffer.from(sha256, "hex"), source, header, key, first, last, start - first * chunkBytes, end - last * chunkBytes + 1));
  }

  /** The key id a blob is encrypted with, or null for a blob stored in the clear. */
  async keyIdOf(sha256: string): Promise<string | null> {
    return (await this.readHeader(sha256))?.keyId ?? null;
  }

  /** The key `header` names; `missing` is thrown when this server does not have it. */
  private keyFor(header: Header, missing: () => Error): Buffer {
    const key = this.keyring.byId.get(header.keyId);
    if (!key) throw missing();
    return key.key;
  }

  private async readHeader(sha256: string): Promise<Header | null> {
    const parts: Buffer[] = [];
    for await (const part of await this.inner.read(sha256, { start: 0, end: HEADER_BYTES - 1 })) parts.push(part as Buffer);
    return parseHeader(Buffer.concat(parts), `blob ${sha256}`);
  }

  /**
   * Decrypts chunks `first..last` from `source`, yielding only bytes whose tag checked out, trimmed to the range.
   * `binding`: the 32 bytes the AAD names the object by (a blob's SHA-256, a staged object's `stagedBinding`).
   */
  private async *open(
    label: string,
    binding: Buffer,
    source: AsyncIterable<Uint8Array> & { destroy?: () => void },
    header: Header,
    key: Buffer,
    first: number,
    last: number,
    skipHead: number,
    keepOfLast: number,
  ): AsyncGenerator<Buffer> {
    const shaBytes = binding;
    const total = chunkCount(header.size, header.chunkBytes);
    const frameBytes = (i: number) => Math.min(header.chunkBytes, header.size - i * header.chunkBytes) + TAG_BYTES;
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    let index = first;
    /** Takes `n` bytes off the front of `pending`, copying only when a frame spans two reads. */
    const take = (n: number): Buffer => {
      const head = pending[0]!;
      if (head.length >= n) {
        if (head.length === n) pending.shift();
        else pending[0] = head.subarray(n);
        pendingBytes -= n;
        return head.subarray(0, n);
      }
      const out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const part = pending[0]!;
        const used = Math.min(part.length, n - filled);
        part.copy(out, filled, 0, used);
        filled += used;
        if (used === part.length) pending.shift();
        else pending[0] = part.subarray(used);
      }
      pendingBytes -= n;
      return out;
    };
    const openFrame = (frame: Buffer): Buffer => {
      const decipher = createDecipheriv("aes-256-gcm", key, ivOf(header, index));
      decipher.setAAD(aadOf(header, shaBytes, index, total));
      decipher.setAuthTag(frame.subarray(frame.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = decipher.update(frame.subarray(0, frame.length - TAG_BYTES));
        decipher.final(); // GCM yields no bytes here; it checks the tag (and throws) before any of `plain` is handed out
      } catch (cause) {
        throw new UnreadableBlobError(`${label} failed authentication at chunk ${index}: it was altered or damaged in storage; restore it from a backup`, { cause });
      }
      const from = index === first ? skipHead : 0;
      const to = index === last ? keepOfLast : plain.length;
      index++;
      return from === 0 && to === plain.length ? plain : plain.subarray(from, to);
    };
    try {
      for await (const part of source) {
        pending.push(part as Buffer);
        pendingBytes += (part as Buffer).length;
        while (index <= last && pendingBytes >= frameBytes(index)) yield openFrame(take(frameBytes(index)));
      }
    } finally {
      source.destroy?.();
    }
    if (index <= last) throw new UnreadableBlobError(`${label} is cut short (chunk ${index} of ${total} is missing): restore it from a backup`);
  }
}

/** A header read off an object's front, or null for an object stored in the clear (no magic). */
function parseHeader(raw: Buffer, label: string): Header | null {
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const damaged = () => new UnreadableBlobError(`${label} has a damaged encryption header: restore it from a backup, or delete the versions that use it`);
  if (raw.length < HEADER_BYTES) throw damaged();
  const header: Header = {
    raw,
    keyId: raw.toString("ascii", 8, 16),
    chunkBytes: raw.readUInt32BE(16),
    size: Number(raw.readBigUInt64BE(20)),
    nonce: raw.subarray(28, 40),
  };
  if (!/^[0-9a-f]{8}$/.test(header.keyId) || header.chunkBytes === 0 || header.chunkBytes > MAX_CHUNK_BYTES || !Number.isSafeInteger(header.size)) throw damaged();
  return header;
}

/** What a staged object's AAD names it by: its key, hashed to the 32 bytes a blob's SHA-256 takes (domain-separated from content hashes). */
function stagedBinding(key: string): Buffer {
  return createHash("sha256").update(`arca staged object\0${key}`).digest();
}

function encodeHeader(fields: Omit<Header, "raw">): Header {
  const raw = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(raw, 0);
  raw.write(fields.keyId, 8, "ascii");
  raw.writeUInt32BE(fields.chunkBytes, 16);
  raw.writeBigUInt64BE(BigInt(fields.size), 20);
  fields.nonce.copy(raw, 28);
  return { ...fields, raw };
}

function ivOf(header: Header, index: number): Buffer {
  const iv = Buffer.from(header.nonce);
  iv.writeUInt32BE((iv.readUInt32BE(8) ^ index) >>> 0, 8);
  return iv;
}

function aadOf(header: Header, shaBytes: Buffer, index: number, total: number): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail.writeUInt8(index === total - 1 ? 1 : 0, 4);
  return Buffer.concat([header.raw, shaBytes, tail]);
}

function startCipher(key: Buffer, header: Header, shaBytes: Buffer, index: number, total: number): CipherGCM {
  const cipher = createCipheriv("aes-256-gcm", key, ivOf(header, index));
  cipher.setAAD(aadOf(header, shaBytes, index, total));
  return cipher;
}
