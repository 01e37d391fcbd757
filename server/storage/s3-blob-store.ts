import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from "@aws-sdk/client-s3";
import { NotFoundError, ValidationError } from "../errors";
import { SHA256_PATTERN, checkStagedKey, type BlobStore, type PutExpectation, type StagedExpectation, type StagedObject, type StoredBlob, type SweepOptions } from "./blob-store";
import { PutVerifier, StagedVerifier, type BodyVerifier } from "./verify";

/** S3's own limits: parts of 5 MiB at least (but the last), 10,000 parts per upload. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
const DEFAULT_PART_BYTES = 16 * 1024 * 1024;

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix, "" or ending in "/": blobs are `<prefix>blobs/ab/cd/<sha256>`. */
  prefix?: string;
  /** Bytes per multipart part (and the most a put holds in memory twice over); at least 5 MiB. */
  partBytes?: number;
}

/**
 * Blobs as objects `<prefix>blobs/ab/cd/<sha256>` in an S3-compatible bucket.
 *
 * A blob is either absent or complete, as in the local store, without a temp object and a copy:
 * a body that fits in one part is hashed in memory and then PUT to its final key; a larger one is
 * a multipart upload to its final key, and S3 shows nothing under that key until
 * CompleteMultipartUpload, which is sent only once size, SHA-256 and MD5 have matched. Otherwise
 * the upload is aborted. Copying a verified temp object instead would write every byte twice
 * (minutes for a multi-GiB blob). `<prefix>tmp/` is still swept, for objects that land there
 * unverified (direct transfers with pre-signed URLs). Staged objects (`<prefix>staging/<key>`) are
 * uploaded the same way as blobs: visible only once verified.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  /** "" or ending in "/". */
  readonly keyPrefix: string;
  private warnedNoUploadListing = false;
  private readonly partBytes: number;

  constructor(options: S3BlobStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.keyPrefix = options.prefix ?? "";
    if (this.keyPrefix !== "" && !this.keyPrefix.endsWith("/")) throw new ValidationError(`S3 key prefix ${JSON.stringify(this.keyPrefix)} must be empty or end with "/"`);
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
    if (this.partBytes < MIN_PART_BYTES) throw new ValidationError(`S3 part size ${this.partBytes} is below S3's minimum of ${MIN_PART_BYTES} bytes`);
  }

  keyOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new ValidationError(`invalid SHA-256 ${JSON.stringify(sha256)}: expected 64 lowercase hex digits`);
    return `${this.keyPrefix}blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  get tempPrefix(): string {
    return `${this.keyPrefix}tmp/`;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: PutExpectation): Promise<StoredBlob> {
    return this.upload(this.keyOf(sha256), body, expected.size, new PutVerifier(sha256, expected), (stored) => stored.md5 || undefined);
  }

  /**
   * Streams `body` to `key`, visible there only once `verifier` passed (see the class comment).
   * `contentMd5`: the base64 MD5 of the verified bytes, if known, for S3 to check the single PUT against.
   */
  private async upload<T>(
    key: string,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    size: number,
    verifier: BodyVerifier<T>,
    contentMd5: (verified: T) => string | undefined,
  ): Promise<T> {
    // Grow parts for huge blobs so that they fit in S3's 10,000 parts.
    const partBytes = Math.max(this.partBytes, Math.ceil(size / MAX_PARTS));
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    // One part in flight while the next one arrives and is hashed: memory stays at two parts.
    let inFlight: Promise<unknown> = Promise.resolve();

    const sendPart = async () => {
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await inFlight;
      uploadId ??= (await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }))).UploadId;
      const partNumber = parts.length + 1;
      const part: CompletedPart = { PartNumber: partNumber };
      parts.push(part);
      const upload = this.client
        .send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: chunk, ContentLength: chunk.byteLength }))
        .then((out) => (part.ETag = out.ETag));
      upload.catch(() => undefined); // surfaced by the next `await inFlight`
      inFlight = upload;
    };

    try {
      for await (const chunk of body) {
        await verifier.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= partBytes) await sendPart();
      }
      const verified = await verifier.finish();
      if (uploadId === undefined) {
        // Fits in one part: verified already, so it can go straight to its final key.
        const bytes = Buffer.concat(pending, pendingBytes);
        const md5 = contentMd5(verified);
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.byteLength, ...(md5 ? { ContentMD5: md5 } : {}) }));
        return verified;
      }
      if (pendingBytes > 0) await sendPart();
      await inFlight;
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return verified;
    } catch (error) {
      verifier.close();
      if (uploadId !== undefined) {
        await inFlight.catch(() => undefined);
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch((abortError: unknown) => {
          // The upload stays invisible either way; sweepTemp aborts it later.
          console.error(`[arca] could not abort the multipart upload of ${key}`, abortError);
        });
      }
      throw error;
    }
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const key = this.keyOf(sha256);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      if (out.Body instanceof Readable) return out.Body;
      throw new Error(`S3 GetObject of ${key} returned no Node stream`);
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError(`blob ${sha256} is not stored`);
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
  }

  /** Staged objects are `<prefix>staging/<key>`: apart from `tmp/` (swept after minutes) because they wait for hours. */
  stagedKeyOf(key: string): string {
    checkStagedKey(key);
    return `${this.stagingPrefix}${key}`;
  }

  get stagingPrefix(): string {
    return `${this.keyPrefix}staging/`;
  }

  async putStaged(key: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expected: StagedExpectation): Promise<StagedObject> {
    const objectKey = this.stagedKeyOf(key);
    return this.upload(objectKey, body, expected.size, new StagedVerifier(key, expected), (staged) => (staged.md5Hex ? Buffer.from(staged.md5Hex, "hex").toString("base64") : undefined));
  }

  async readStaged(key: string): Promise<Readable> {
    const objectKey = this.stagedKeyOf(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      if (out.Body instanceof Readable) return out.Body;
      throw new Error(`S3 GetObject of ${objectKey} returned no Node stream`);
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError(`staged object ${key} is not stored`);
      throw error;
    }
  }

  async deleteStaged(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.stagedKeyOf(key) }));
  }

  /**
   * Deletes `<prefix>tmp/` objects and aborts multipart uploads under the prefix, both older than
   * `olderThanMs`, and staged objects older than `opts.stagedOlderThanMs` (default the same).
   */
  async sweepTemp(olderThanMs: number, opts: SweepOptions = {}): Promise<number> {
    const now = Date.now();
    const cutoff = now - olderThanMs;
    let removed = (await this.deleteOlder(this.tempPrefix, cutoff)) + (await this.deleteOlder(this.stagingPrefix, now - (opts.stagedOlderThanMs ?? olderThanMs)));

    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.client
        .send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.keyPrefix || undefined, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }))
        .catch((error: unknown) => {
          // Some S3-compatible servers cannot list uploads: then there are none this can find, and GC
          // (which sweeps after deleting blobs) must not fail for it.
          if (!isNotImplemented(error)) throw error;
          if (!this.warnedNoUploadListing) console.warn(`[arca] the S3 server cannot list multipart uploads: interrupted uploads are not aborted; expire them with a lifecycle rule`);
          this.warnedNoUploadListing = true;
          return null;
        });
      if (!page) break;
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated.getTime() >= cutoff) continue;
        if (await this.hasPartSince(upload.Key, upload.UploadId, cutoff)) continue;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }));
        removed++;
      }
      const more = page.IsTruncated === true;
      keyMarker = more ? page.NextKeyMarker : undefined;
      uploadIdMarker = more ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return removed;
  }

  /** Deletes the objects under `prefix` last modified before `cutoff`; answers how many. */
  private async deleteOlder(prefix: string, cutoff: number): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified && object.LastModified.getTime() < cutoff) {
          await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object.Key }));
          removed++;
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }

  /**
   * Whether an upload received a part since `cutoff`: a multi-GiB upload started long ago may be
   * going on right now in another process (as the local store's temp files are touched by every write).
   */
  private async hasPartSince(key: string, uploadId: string, cutoff: number): Promise<boolean> {
    let marker: string | undefined;
    do {
      const page = await this.client.send(new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
      if ((page.Parts ?? []).some((part) => part.LastModified && part.LastModified.getTime() >= cutoff)) return true;
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return false;
  }
}

function isNotImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotImplemented" || e.$metadata?.httpStatusCode === 501;
}

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404;
}
