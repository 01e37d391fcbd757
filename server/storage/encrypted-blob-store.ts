import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM } from "node:crypto";
import { Readable } from "node:stream";
import { EncryptionKeyMismatchError, UnreadableBlobError } from "../errors";
import type { BlobStore, PutExpectation, StoredBlob } from "./blob-store";
import type { Keyring } from "./keyring";
import { PutVerifier } from "./verify";

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

  sweepTemp(olderThanMs: number): Promise<number> {
    return this.inner.sweepTemp(olderThanMs);
  }

  async put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: PutExpectation): Promise<StoredBlob> {
    const verifier = new PutVerifier(sha256, expected);
    const { current } = this.keyring;
    const header = encodeHeader({ keyId: current.id, chunkBytes: this.chunkBytes, size: expected.size, nonce: randomBytes(12) });
    let plaintext: StoredBlob | undefined;
    const sealed = this.seal(sha256, body, verifier, header, current.key, (stored) => (plaintext = stored));
    // The inner store checks the ciphertext's length; the plaintext's digests are checked by `verifier`
    // inside `seal`, which throws before its last step so the inner store never publishes a bad blob.
    await this.inner.put(sha256, sealed, { size: encryptedSize(expected.size, this.chunkBytes), opaque: true });
    if (!plaintext) throw new Error("unreachable: the inner store published a blob before reading all of it");
    return plaintext;
  }

  private async *seal(
    sha256: string,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    verifier: PutVerifier,
    header: Header,
    key: Buffer,
    onVerified: (stored: StoredBlob) => void,
  ): AsyncGenerator<Buffer> {
    yield header.raw;
    const shaBytes = Buffer.from(sha256, "hex");
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
      verifier.update(chunk); // throws once the body runs past the declared size, so `cipher` is set below
      let offset = 0;
      while (offset < chunk.byteLength && cipher) {
        const n = Math.min(header.chunkBytes - filled, chunk.byteLength - offset);
        yield cipher.update(chunk.subarray(offset, offset + n));
        offset += n;
        filled += n;
        if (filled === header.chunkBytes) yield closeChunk(cipher);
      }
    }
    const stored = verifier.finish(); // a short or wrong body fails here, before the last chunk is sealed
    if (cipher) yield closeChunk(cipher);
    onVerified(stored);
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const header = await this.readHeader(sha256);
    if (!header) return this.inner.read(sha256, range);
    const key = this.keyFor(sha256, header);
    const { size, chunkBytes } = header;
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1); // inclusive, clamped like a file read past its end
    if (start > end) return Readable.from([]);
    const first = Math.floor(start / chunkBytes);
    const last = Math.floor(end / chunkBytes);
    const frame = chunkBytes + TAG_BYTES;
    const lastFrameBytes = Math.min(chunkBytes, size - last * chunkBytes) + TAG_BYTES;
    const source = await this.inner.read(sha256, { start: HEADER_BYTES + first * frame, end: HEADER_BYTES + last * frame + lastFrameBytes - 1 });
    return Readable.from(this.open(sha256, source, header, key, first, last, start - first * chunkBytes, end - last * chunkBytes + 1));
  }

  /** The key id a blob is encrypted with, or null for a blob stored in the clear. */
  async keyIdOf(sha256: string): Promise<string | null> {
    return (await this.readHeader(sha256))?.keyId ?? null;
  }

  private keyFor(sha256: string, header: Header): Buffer {
    const key = this.keyring.byId.get(header.keyId);
    if (!key) throw new EncryptionKeyMismatchError(sha256, header.keyId, this.keyring.current.id);
    return key.key;
  }

  private async readHeader(sha256: string): Promise<Header | null> {
    const parts: Buffer[] = [];
    for await (const part of await this.inner.read(sha256, { start: 0, end: HEADER_BYTES - 1 })) parts.push(part as Buffer);
    const raw = Buffer.concat(parts);
    if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const damaged = () => new UnreadableBlobError(`blob ${sha256} has a damaged encryption header: restore it from a backup, or delete the versions that use it`);
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

  /** Decrypts chunks `first..last` from `source`, yielding only bytes whose tag checked out, trimmed to the range. */
  private async *open(sha256: string, source: Readable, header: Header, key: Buffer, first: number, last: number, skipHead: number, keepOfLast: number): AsyncGenerator<Buffer> {
    const shaBytes = Buffer.from(sha256, "hex");
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
        throw new UnreadableBlobError(`blob ${sha256} failed authentication at chunk ${index}: it was altered or damaged in storage; restore it from a backup`, { cause });
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
      source.destroy();
    }
    if (index <= last) throw new UnreadableBlobError(`blob ${sha256} is cut short (chunk ${index} of ${total} is missing): restore it from a backup`);
  }
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
