import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { DigestMismatchError, ValidationError } from "../errors";
import type { StoredBlob } from "./blob-store";
import type { DirectTransfers, FinishedUpload, UploadPlan } from "./direct-transfers";
import { isNotFound, type S3BlobStore } from "./s3-blob-store";
import { PutVerifier } from "./verify";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MAX_PARTS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What S3-compatible stores answer (400) to a body that does not match its declared checksum. */
const CHECKSUM_REFUSALS = new Set(["BadDigest", "XAmzContentChecksumMismatch", "InvalidDigest", "XAmzContentSHA256Mismatch"]);

export interface S3DirectOptions {
  store: S3BlobStore;
  /** Signs the URLs clients use: the same server as `store.client`, as clients reach it (ARCA_S3_PUBLIC_ENDPOINT). */
  presignClient: S3Client;
  expiresInSeconds?: number;
  /** Blobs up to this size go up as one PUT; bigger ones as a multipart upload. */
  singlePutMaxBytes?: number;
  /** Part size of direct multipart uploads (grown so that a blob fits in 10,000 parts). */
  partBytes?: number;
  /** CopyObject's limit (5 GiB on S3): bigger blobs are published with a multipart copy. */
  maxCopyBytes?: number;
  copyPartBytes?: number;
}

/**
 * Direct transfers on an S3-compatible store. Where an upload lands depends on the store:
 *
 * - A store that checks `x-amz-checksum-sha256` (AWS S3, MinIO, R2; found out once by a probe) takes a file
 *   of up to 256 MiB at the blob's own key: its pre-signed PUT signs the length and the SHA-256, so the store
 *   refuses any other bytes, and two clients uploading the same blob write the same bytes. `adopt` then only
 *   asks the store for the size, checksum and ETag (one GET whose body it does not read).
 * - Otherwise, and for multipart uploads, the bytes land in `<prefix>tmp/direct/<uuid>`; `adopt` reads them
 *   back once, hashing them, and only then copies them inside the store to the blob's key, so that key only
 *   ever receives verified bytes.
 *
 * Either way the blob's database row, which is what makes it exist for Arca, is written after the check.
 */
export class S3DirectTransfers implements DirectTransfers {
  readonly expiresInSeconds: number;
  private readonly store: S3BlobStore;
  private readonly presignClient: S3Client;
  private readonly singlePutMaxBytes: number;
  private readonly partBytes: number;
  private readonly maxCopyBytes: number;
  private readonly copyPartBytes: number;
  private checksumProbe: Promise<boolean> | undefined;

  constructor(options: S3DirectOptions) {
    this.store = options.store;
    this.presignClient = options.presignClient;
    this.expiresInSeconds = options.expiresInSeconds ?? 15 * 60;
    this.singlePutMaxBytes = options.singlePutMaxBytes ?? 256 * MiB;
    this.partBytes = options.partBytes ?? 64 * MiB;
    this.maxCopyBytes = options.maxCopyBytes ?? 5 * GiB;
    this.copyPartBytes = options.copyPartBytes ?? 1 * GiB;
  }

  private get directPrefix(): string {
    return `${this.store.tempPrefix}direct/`;
  }

  /**
   * Whether the store refuses a PUT whose body does not match its `x-amz-checksum-sha256` (AWS S3, MinIO, R2
   * do; s3rver does not). Asked once, with a probe object that is deleted again.
   */
  checksChecksums(): Promise<boolean> {
    return (this.checksumProbe ??= this.probeChecksums());
  }

  private async probeChecksums(): Promise<boolean> {
    const { bucket, client } = this.store;
    const key = `${this.directPrefix}probe-${randomUUID()}`;
    const wrong = createHash("sha256").update("not the body").digest("base64");
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "arca checksum probe", ChecksumSHA256: wrong }));
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.$metadata?.httpStatusCode === 400 && CHECKSUM_REFUSALS.has(e.name ?? "")) return true;
      console.warn(`[arca] the S3 checksum probe failed (${e.name ?? String(error)}): direct uploads are verified by reading them back`);
      return false;
    }
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
    return false;
  }

  async planUpload(blob: { sha256: string; size: number }): Promise<UploadPlan> {
    const blobKey = this.store.keyOf(blob.sha256); // validates the SHA-256
    const { bucket } = this.store;
    const expiresIn = this.expiresInSeconds;
    if (blob.size <= this.singlePutMaxBytes) {
      // The length and the SHA-256 are signed: the URL accepts these bytes only, on stores that check checksums.
      // Such a store can take them at the blob's own key (it refuses any other bytes); others get a temp object.
      const key = (await this.checksChecksums()) ? blobKey : `${this.directPrefix}${randomUUID()}`;
      const checksum = Buffer.from(blob.sha256, "hex").toString("base64");
      const url = await getSignedUrl(
        this.presignClient,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentLength: blob.size, ChecksumSHA256: checksum }),
        { expiresIn, signableHeaders: new Set(["content-length", "x-amz-checksum-sha256"]), unhoistableHeaders: new Set(["x-amz-checksum-sha256"]) },
      );
      return { kind: "put", key, url, headers: { "x-amz-checksum-sha256": checksum } };
    }
    const key = `${this.directPrefix}${randomUUID()}`;
    const partBytes = Math.max(this.partBytes, Math.ceil(blob.size / MAX_PARTS));
    const created = await this.store.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const uploadId = created.UploadId;
    if (!uploadId) throw new Error(`the S3 server started a multipart upload of ${key} without an upload id`);
    const count = Math.ceil(blob.size / partBytes);
    const parts = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const length = Math.min(partBytes, blob.size - i * partBytes);
        const command = new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: i + 1, ContentLength: length });
        return { number: i + 1, url: await getSignedUrl(this.presignClient, command, { expiresIn, signableHeaders: new Set(["content-length"]) }) };
      }),
    );
    return { kind: "multipart", key, uploadId, partBytes, parts };
  }

  async adopt(upload: FinishedUpload): Promise<StoredBlob> {
    const { bucket, client } = this.store;
    const { key, sha256, size } = upload;
    const blobKey = this.store.keyOf(sha256);
    // At the blob's key only when this store checks checksums (the plan put it there); otherwise a temp object.
    const atBlobKey = key === blobKey && upload.uploadId === undefined && (await this.checksChecksums());
    if (!atBlobKey && !(key.startsWith(this.directPrefix) && UUID.test(key.slice(this.directPrefix.length)))) {
      throw new ValidationError(`${JSON.stringify(key)} is not an upload this server handed out: send the key from the upload plan`);
    }
    try {
      if (upload.uploadId !== undefined) await this.completeMultipart(key, upload.uploadId, upload.parts ?? []);
      const stored = (atBlobKey ? await this.vouchedFor(key, sha256, size) : undefined) ?? (await this.verify(key, sha256, size));
      if (!atBlobKey) await this.copy(key, blobKey, size);
      return stored;
    } finally {
      // A blob key is never deleted here: a failed check there means the store broke its checksum promise, and
      // another version may hold the blob. A temp object always goes.
      if (!atBlobKey) {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch((error: unknown) => {
          console.warn(`[arca] could not delete the direct upload ${key} (the temp sweep will): ${String(error)}`);
        });
      }
    }
  }

  /**
   * The digests of an object at its blob key from the store's own checksum and ETag, with one HEAD: a store that
   * checks checksums took the signed SHA-256's bytes only. Undefined when it did not keep them (then `verify`).
   * A HEAD rather than a GET whose body is dropped: the store opens no body, which on a thousand small files
   * is a good part of its work.
   */
  private async vouchedFor(key: string, sha256: string, size: number): Promise<StoredBlob | undefined> {
    const head = await this.store.client.send(new HeadObjectCommand({ Bucket: this.store.bucket, Key: key, ChecksumMode: "ENABLED" })).catch((error: unknown) => {
      if (isNotFound(error)) throw new ValidationError(`nothing was uploaded for ${sha256}: PUT the bytes to the plan's URL before completing`);
      throw error;
    });
    if (head.ContentLength !== size) {
      throw new DigestMismatchError(`the upload of ${sha256} has ${head.ContentLength ?? 0} bytes, but ${size} were declared; nothing was stored`);
    }
    return storeVerified(head, sha256, size);
  }

  /**
   * Size and SHA-256 of an uploaded object, with its MD5: from the store's own checksum and ETag when it kept them
   * (one GET whose body is not read), otherwise by hashing the body as the store serves it. Arca reads the bytes
   * at most once and never writes them.
   */
  private async verify(key: string, sha256: string, size: number): Promise<StoredBlob> {
    const out = await this.store.client.send(new GetObjectCommand({ Bucket: this.store.bucket, Key: key, ChecksumMode: "ENABLED" })).catch((error: unknown) => {
      if (isNotFound(error)) throw new ValidationError(`nothing was uploaded for ${sha256}: PUT the bytes to the plan's URL before completing`);
      throw error;
    });
    const body = out.Body;
    if (!(body instanceof Readable)) throw new Error(`S3 GetObject of ${key} returned no Node stream`);
    try {
      if (out.ContentLength !== size) {
        throw new DigestMismatchError(`the upload of ${sha256} has ${out.ContentLength ?? 0} bytes, but ${size} were declared; nothing was stored`);
      }
      const vouched = storeVerified(out, sha256, size);
      if (vouched) return vouched;
      const verifier = new PutVerifier(sha256, { size });
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>) await verifier.update(chunk);
        return await verifier.finish();
      } finally {
        verifier.close();
      }
    } finally {
      body.destroy();
    }
  }

  async downloadUrl(sha256: string, options: { filename?: string | undefined; contentType?: string | undefined }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.store.bucket,
      Key: this.store.keyOf(sha256),
      ResponseContentDisposition: options.filename ? `attachment; filename*=UTF-8''${encodeURIComponent(options.filename)}` : undefined,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.presignClient, command, { expiresIn: this.expiresInSeconds });
  }

  private async completeMultipart(key: string, uploadId: string, parts: { number: number; etag: string }[]): Promise<void> {
    const sorted = [...parts].sort((a, b) => a.number - b.number);
    if (sorted.length === 0 || sorted.some((part, i) => part.number !== i + 1)) {
      await this.store.client.send(new AbortMultipartUploadCommand({ Bucket: this.store.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw new ValidationError(`the parts of ${key} must be numbered 1 to N without gaps, each with the ETag its PUT answered`);
    }
    await this.store.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.store.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: sorted.map((part) => ({ PartNumber: part.number, ETag: part.etag })) },
      }),
    );
  }

  private async copy(from: string, to: string, size: number): Promise<void> {
    const { bucket, client } = this.store;
    const source = `${bucket}/${encodeKey(from)}`;
    if (size <= this.maxCopyBytes) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source }));
      return;
    }
    // Over CopyObject's limit: a multipart upload whose parts are ranges copied inside the store.
    const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: to }));
    const uploadId = created.UploadId;
    try {
      const parts = [];
      for (let start = 0, number = 1; start < size; start += this.copyPartBytes, number++) {
        const end = Math.min(size, start + this.copyPartBytes) - 1;
        const out = await client.send(
          new UploadPartCopyCommand({ Bucket: bucket, Key: to, UploadId: uploadId, PartNumber: number, CopySource: source, CopySourceRange: `bytes=${start}-${end}` }),
        );
        parts.push({ PartNumber: number, ETag: out.CopyPartResult?.ETag });
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }
}

/**
 * The digests without reading the bytes, when the store vouches for them: it kept the SHA-256 the
 * signed PUT declared (a store that checks checksums refuses a body that does not match) and the
 * ETag of a single PUT is the MD5. Anything else (a multipart upload, a store that ignored the header)
 * is read back.
 */
function storeVerified(head: { ChecksumSHA256?: string | undefined; ETag?: string | undefined }, sha256: string, size: number): StoredBlob | undefined {
  if (head.ChecksumSHA256 !== Buffer.from(sha256, "hex").toString("base64")) return undefined;
  const etag = (head.ETag ?? "").replace(/"/g, "");
  if (!/^[0-9a-f]{32}$/.test(etag)) return undefined;
  return { sha256, size, md5: Buffer.from(etag, "hex").toString("base64") };
}

/** CopySource is `bucket/key` with the key URL-encoded, slashes kept. */
function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}
