import { realpath, stat } from "node:fs/promises";
import type { Client } from "./client";
import type { ArtifactContents } from "./contents";
import { HashCache, hashCacheEnabled, type FileStamp } from "./hash-cache";
import { hashAndUpload, type PipelineLimits } from "./pipeline";
import { mapLimit } from "../lib/pool";
import type { EntryInput, FileEntryInput, OnProgress, UploadStats } from "./types";

export interface PreparedEntries {
  entries: EntryInput[];
  stats: UploadStats;
}

export interface UploadOptions {
  /** The hash cache to use; `null` for none. Default: the one in cacheDir(), unless ARCA_NO_HASH_CACHE is set. */
  cache?: HashCache | null;
  limits?: Partial<PipelineLimits>;
}

/**
 * The upload pipeline (docs/api.md "only missing bytes travel"): stat every file, reuse the cached SHA-256 of the
 * unchanged ones, hash the others in batches, ask which blobs the server lacks batch by batch and PUT those while the
 * next batch is hashed (pipeline.ts). File entries carry no `digest`: the server takes the MD5 of the stored blob.
 * The caller then commits the returned entries.
 */
export async function uploadContents(client: Client, contents: ArtifactContents, onProgress?: OnProgress, options: UploadOptions = {}): Promise<PreparedEntries> {
  const { files, references } = await contents.resolveContents();
  const statAt = Date.now();
  const [cache, stamps] = await Promise.all([
    openCache(options.cache, files.length > 0),
    mapLimit(files, 32, (file) => stampOf(file.localPath, !file.transient)),
  ]);

  const pipelineFiles = files.map((file, index) => ({ localPath: file.localPath, stamp: stamps[index] as FileStamp, cacheable: cache !== undefined && !file.transient }));
  const done = await hashAndUpload(client, pipelineFiles, { cache, statAt, onProgress, ...(options.limits ? { limits: options.limits } : {}) });

  const fileEntries: FileEntryInput[] = files.map((file, index) => {
    const { sha256, size } = done.hashes[index] as (typeof done.hashes)[number];
    return { path: file.path, size, sha256 };
  });
  return {
    entries: [...fileEntries, ...references],
    stats: {
      filesHashed: done.filesRead,
      bytesHashed: done.bytesRead,
      filesUploaded: done.filesUploaded,
      bytesUploaded: done.bytesUploaded,
    },
  };
}

async function openCache(given: HashCache | null | undefined, needed: boolean): Promise<HashCache | undefined> {
  if (given !== undefined) return given ?? undefined;
  return needed && hashCacheEnabled() ? HashCache.load() : undefined;
}

/** What the hash cache compares: the real path (symlinks resolved), size, mtime, ctime and inode of the file itself. */
async function stampOf(localPath: string, resolveLinks: boolean): Promise<FileStamp> {
  const [info, realPath] = await Promise.all([stat(localPath), resolveLinks ? realpath(localPath) : localPath]);
  return { realPath, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}
