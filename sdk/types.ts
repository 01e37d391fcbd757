/** Shapes of the HTTP API (docs/api.md) as the SDK receives and sends them. */

export type JsonObject = { [key: string]: unknown };

export type VersionState = "PENDING" | "COMMITTED" | "DELETED";

export interface VersionInfo {
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
  metadata: JsonObject;
  aliases: string[];
  revision: number;
  distributedId: string | null;
  basedOn: string | null;
  createdAt: string;
  committedAt: string | null;
  deletedAt: string | null;
}

/** What log, upsert, finish and patch answer: a Version plus whether a new one was made. */
export interface CommitInfo extends VersionInfo {
  created: boolean;
}

export type RunState = "running" | "finished" | "crashed" | "failed";

export interface RunInfo {
  id: string;
  entity: string;
  project: string;
  name: string | null;
  jobType: string | null;
  group: string | null;
  state: RunState;
  config: JsonObject;
  createdAt: string;
  updatedAt: string;
}

/** A file entry as the server answers it: `digest` is the base64 MD5 of the bytes (the W&B entry digest). */
export interface FileEntry {
  path: string;
  digest: string;
  size: number;
  sha256: string;
}

/** A file entry as the SDK sends it: no `digest`, the server takes it from the stored blob's MD5. */
export interface FileEntryInput {
  path: string;
  size: number;
  sha256: string;
}

export interface ReferenceEntry {
  path: string;
  ref: string;
  digest: string;
  size?: number;
  extra?: JsonObject;
}

export type ManifestEntry = FileEntry | ReferenceEntry;

/** What log, upsert, finish and patch send. */
export type EntryInput = FileEntryInput | ReferenceEntry;

export function isReferenceEntry(entry: ManifestEntry): entry is ReferenceEntry {
  return typeof (entry as ReferenceEntry).ref === "string";
}

export interface CleanupResult {
  dryRun: boolean;
  versions: VersionInfo[];
  bytesFreed: number;
}

export interface GcResult {
  blobsDeleted: number;
  bytesFreed: number;
}

/** Progress of a transfer, reported to the optional `onProgress` callback of log/upsert/finish/patch/download. */
export interface Progress {
  phase: "hash" | "upload" | "download";
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export type OnProgress = (progress: Progress) => void;

/** What the last upload moved: re-logging identical contents moves zero bytes. */
export interface UploadStats {
  /** Files and bytes read to hash them: unchanged files found in the hash cache are not read, nor counted. */
  filesHashed: number;
  bytesHashed: number;
  filesUploaded: number;
  bytesUploaded: number;
}

export interface DownloadStats {
  root: string;
  filesDownloaded: number;
  bytesDownloaded: number;
  filesUnchanged: number;
  referencesSkipped: number;
}
