/** Shapes of the HTTP API (docs/api.md) as the SDK receives and sends them. */

import type { RunDto, VersionDto } from "../lib/api-types";

export type JsonObject = { [key: string]: unknown };

export type { RunState, VersionState } from "../lib/api-types";
/** A version as the server answers it (docs/api.md "Version"). */
export type VersionInfo = VersionDto;

/** What log, upsert, finish and patch answer: a Version plus whether a new one was made. */
export interface CommitInfo extends VersionInfo {
  created: boolean;
}

/** A run as the server answers it (docs/api.md "Run"). */
export type RunInfo = RunDto;

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
