import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { BlobStore } from "./blob-store";
import type { DirectTransfers } from "./direct-transfers";
import { EncryptedBlobStore } from "./encrypted-blob-store";
import type { Keyring } from "./keyring";
import { LocalBlobStore } from "./local-blob-store";
import { S3BlobStore } from "./s3-blob-store";
import { S3DirectTransfers } from "./s3-direct-transfers";
import type { StorageConfig } from "./storage-location";

type S3Config = Extract<StorageConfig, { kind: "s3" }>;

/**
 * The store ARCA_STORAGE names. In S3 mode nothing is created under the data dir: credentials come
 * from the SDK's usual chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
 */
export function openBlobStore(dataDir: string, storage: StorageConfig, encryption?: Keyring): BlobStore {
  const store = storage.kind === "local" ? new LocalBlobStore(path.join(dataDir, "blobs")) : openS3(storage);
  // Encryption at rest wraps whichever store holds the bytes (ARCA_ENCRYPTION_KEY, docs/security.md).
  return encryption ? new EncryptedBlobStore(store, encryption) : store;
}

/** ARCA_S3_DIRECT=1: pre-signed URLs on the store `openBlobStore` opened (config refuses it with encryption). */
export function openDirectTransfers(blobs: BlobStore, storage: StorageConfig): DirectTransfers | undefined {
  if (storage.kind !== "s3" || !storage.direct || !(blobs instanceof S3BlobStore)) return undefined;
  const presignClient = storage.publicEndpoint ? s3Client(storage, storage.publicEndpoint) : blobs.client;
  return new S3DirectTransfers({ store: blobs, presignClient });
}

function openS3(storage: S3Config): BlobStore {
  return new S3BlobStore({ client: s3Client(storage, storage.endpoint), bucket: storage.bucket, prefix: storage.prefix });
}

function s3Client(storage: S3Config, endpoint: string | undefined): S3Client {
  return new S3Client({ endpoint, region: storage.region, forcePathStyle: storage.forcePathStyle });
}
