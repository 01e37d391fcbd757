/** Wire shapes of the HTTP API (docs/api.md): the server answers them, the SDK reads them. One definition for both. */

export type VersionState = "PENDING" | "COMMITTED" | "DELETED";
export type RunState = "running" | "finished" | "crashed" | "failed";

/** A version as every client sees it (docs/api.md "Version"). */
export interface VersionDto {
  id: number;
  entity: string;
  project: string;
  name: string;
  type: string;
  ref: string;
  version: string | null;
  versionIndex: number | null;
  state: VersionState;
  digest: string | null;
  size: number;
  fileCount: number;
  description: string;
  metadata: Record<string, unknown>;
  aliases: string[];
  revision: number;
  distributedId: string | null;
  basedOn: string | null;
  createdAt: string;
  committedAt: string | null;
  deletedAt: string | null;
}

/** docs/api.md "Run". */
export interface RunDto {
  id: string;
  entity: string;
  project: string;
  name: string;
  jobType: string | null;
  group: string | null;
  state: RunState;
  config: Record<string, unknown>;
  /** Final summary metrics, as the W&B client reports them (`run.summary`); `{}` for other runs. */
  summary: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

// Direct transfers (ARCA_S3_DIRECT=1, docs/api.md): POST /blobs/missing answers a plan per missing blob.

/** One PUT of the whole blob to `url`, with exactly these headers. */
export interface SinglePutPlan {
  kind: "put";
  /** The temp object the bytes land in; named again when the upload is completed. */
  key: string;
  url: string;
  headers: Record<string, string>;
}

/** Parts of `partBytes` each (the last one shorter), each PUT to its own URL; the answer's ETag is kept. */
export interface MultipartPlan {
  kind: "multipart";
  key: string;
  uploadId: string;
  partBytes: number;
  parts: { number: number; url: string }[];
}

export type UploadPlan = SinglePutPlan | MultipartPlan;

/** What the client reports once its PUTs are done. */
export interface FinishedUpload {
  sha256: string;
  size: number;
  key: string;
  uploadId?: string | undefined;
  parts?: { number: number; etag: string }[] | undefined;
}

/** POST /blobs/missing: which blobs to send, and where when the server uses direct transfers. */
export interface MissingBlobsDto {
  missing: string[];
  uploads?: Record<string, UploadPlan>;
}
