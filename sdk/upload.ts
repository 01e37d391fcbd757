import { stat } from "node:fs/promises";
import type { Client } from "./client";
import type { ArtifactContents } from "./contents";
import { hashFiles } from "./hash";
import { mapLimit } from "./pool";
import { uploadBlob, type BlobToUpload } from "./transfer";
import type { FileEntry, ManifestEntry, OnProgress, Progress, UploadStats } from "./types";

const UPLOAD_CONCURRENCY = 4;
/** Blobs per POST /blobs/missing, so that a 100,000-file artifact does not make one huge request. */
const MISSING_BATCH = 1000;

export interface PreparedEntries {
  entries: ManifestEntry[];
  stats: UploadStats;
}

/**
 * The upload pipeline (docs/api.md "only missing bytes travel"): hash every file (MD5 + SHA-256 in one pass),
 * ask which blobs the server lacks, PUT only those. The caller then commits the returned entries.
 */
export async function uploadContents(client: Client, contents: ArtifactContents, onProgress?: OnProgress): Promise<PreparedEntries> {
  const { files, references } = await contents.resolveContents();
  const sizes = await mapLimit(files, 32, async (file) => (await stat(file.localPath)).size);

  const hashing = tracker("hash", files.length, sum(sizes), onProgress);
  const hashes = await hashFiles(files.map((file) => file.localPath), sizes, (bytes, fileDone) => hashing.add(bytes, fileDone));
  const fileEntries: FileEntry[] = files.map((file, index) => {
    const hash = hashes[index] as (typeof hashes)[number];
    return { path: file.path, digest: hash.md5, size: hash.size, sha256: hash.sha256 };
  });

  // The same bytes at several paths are one blob: ask and upload each SHA-256 once.
  const blobs = new Map<string, BlobToUpload>();
  fileEntries.forEach((entry, index) => {
    const localPath = files[index]?.localPath ?? "";
    if (!blobs.has(entry.sha256)) blobs.set(entry.sha256, { localPath, sha256: entry.sha256, md5: entry.digest, size: entry.size });
  });
  const missing = await findMissing(client, [...blobs.values()]);
  const toUpload = missing.map((sha256) => blobs.get(sha256)).filter((blob): blob is BlobToUpload => blob !== undefined);

  const uploading = tracker("upload", toUpload.length, sum(toUpload.map((blob) => blob.size)), onProgress);
  await mapLimit(toUpload, UPLOAD_CONCURRENCY, async (blob) => {
    await uploadBlob(client, blob, (bytes) => uploading.add(bytes, false));
    uploading.add(0, true);
  });

  return {
    entries: [...fileEntries, ...references],
    stats: {
      filesHashed: files.length,
      bytesHashed: sum(fileEntries.map((entry) => entry.size)),
      filesUploaded: toUpload.length,
      bytesUploaded: sum(toUpload.map((blob) => blob.size)),
    },
  };
}

async function findMissing(client: Client, blobs: BlobToUpload[]): Promise<string[]> {
  const missing: string[] = [];
  for (let start = 0; start < blobs.length; start += MISSING_BATCH) {
    const batch = blobs.slice(start, start + MISSING_BATCH).map(({ sha256, size }) => ({ sha256, size }));
    const answer = await client.post<{ missing: string[] }>("/blobs/missing", { blobs: batch });
    missing.push(...answer.missing);
  }
  return missing;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Counts bytes and files of one phase and reports every change; the first report announces the totals. */
export function tracker(phase: Progress["phase"], filesTotal: number, bytesTotal: number, onProgress?: OnProgress) {
  const state: Progress = { phase, bytesDone: 0, bytesTotal, filesDone: 0, filesTotal };
  onProgress?.({ ...state });
  return {
    add(bytes: number, fileDone: boolean) {
      state.bytesDone += bytes;
      if (fileDone) state.filesDone += 1;
      onProgress?.({ ...state });
    },
  };
}
