import type { FinishedUpload, UploadPlan } from "@/lib/api-types";
import type { StoredBlob } from "./blob-store";

export type { FinishedUpload, UploadPlan };

/**
 * Bytes that travel between clients and the object store without passing through Arca
 * (ARCA_S3_DIRECT=1, docs/deploy.md). Uploads land in short-lived temp objects; `adopt` checks
 * them (size and SHA-256) and only then publishes them under the blob's key, so nothing a client
 * sends is visible before it is verified.
 */
export interface DirectTransfers {
  /** How long a pre-signed URL stays valid. */
  readonly expiresInSeconds: number;
  planUpload(blob: { sha256: string; size: number }): Promise<UploadPlan>;
  /** Completes, verifies and publishes a finished upload; the temp object is gone afterwards either way. */
  adopt(upload: FinishedUpload): Promise<StoredBlob>;
  /** A pre-signed GET of a stored blob, answered as an attachment named `filename`. */
  downloadUrl(sha256: string, options: { filename?: string | undefined; contentType?: string | undefined }): Promise<string>;
}
