import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { BlobStore } from "./blob-store";
import { EncryptedBlobStore } from "./encrypted-blob-store";
import type { Keyring } from "./keyring";
import { LocalBlobStore } from "./local-blob-store";
import { S3BlobStore } from "./s3-blob-store";
import type { StorageConfig } from "./storage-location";

/**
 * The store ARCA_STORAGE names. In S3 mode nothing is created under the data dir: credentials come
 * from the SDK's usual chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
 */
export function openBlobStore(dataDir: string, storage: StorageConfig, encryption?: Keyring): BlobStore {
  const store = storage.kind === "local" ? new LocalBlobStore(path.join(dataDir, "blobs")) : openS3(storage);
  // Encryption at rest wraps whichever store holds the bytes (ARCA_ENCRYPTION_KEY, docs/security.md).
  return encryption ? new EncryptedBlobStore(store, encryption) : store;
}

function openS3(storage: Extract<StorageConfig, { kind: "s3" }>): BlobStore {
  const client = new S3Client({ endpoint: storage.endpoint, region: storage.region, forcePathStyle: storage.forcePathStyle });
  return new S3BlobStore({ client, bucket: storage.bucket, prefix: storage.prefix });
}
