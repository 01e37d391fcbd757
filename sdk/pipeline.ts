import type { MissingBlobsDto, UploadPlan } from "../lib/api-types";
import type { Client } from "./client";
import { CompletionBatcher, uploadDirect } from "./direct";
import type { FileStamp, HashCache } from "./hash-cache";
import { HashPool, WORKER_THRESHOLD_BYTES, type Sha256Hash } from "./hash-pool";
import { tracker } from "./progress";
import { uploadBlob, uploadBlobPack, type BlobToUpload } from "./transfer";
import type { OnProgress } from "./types";
import { ByteWindow, TaskQueue } from "./upload-queue";

export interface PipelineFile {
  localPath: string;
  stamp: FileStamp;
  /** Look it up in and record it to the hash cache (false for newFile() scratch files). */
  cacheable: boolean;
}

/** How the work is cut; the defaults suit local disks and a LAN, tests make them small. */
export interface PipelineLimits {
  /** A batch is checked once this many bytes were read for it… */
  batchBytes: number;
  /** …or this many files were read for it… */
  batchFiles: number;
  /** …or it holds this many files (cache hits included; also the most blobs per POST /blobs/missing). */
  batchMaxFiles: number;
  /** Hashing pauses while this many bytes wait to be checked or uploaded. */
  aheadBytes: number;
  uploadConcurrency: number;
  /** PUTs to the object store at once (direct transfers): one file each, so more of them than of packs to Arca. */
  directConcurrency: number;
  /** Files hashed at once (default: cores + 1, at most 4). */
  hashConcurrency?: number;
  /** Bytes to read from which worker threads hash. */
  workerThreshold: number;
}

export const DEFAULT_LIMITS: PipelineLimits = {
  batchBytes: 64 << 20,
  batchFiles: 256,
  batchMaxFiles: 1000,
  aheadBytes: 256 << 20,
  uploadConcurrency: 4,
  // As `aws s3 cp` and the benchmark's plain upload: an object store serves many small PUTs best side by side.
  directConcurrency: 8,
  workerThreshold: WORKER_THRESHOLD_BYTES,
};

/** Hash threads yield to the uploads (see HashPoolOptions.nice). */
const HASH_NICE = 10;

export interface PipelineOptions {
  cache: HashCache | undefined;
  /** When the stamps were taken (Date.now()), before any byte was read. */
  statAt: number;
  onProgress?: OnProgress | undefined;
  limits?: Partial<PipelineLimits>;
}

export interface PipelineResult {
  hashes: Sha256Hash[];
  /** Files and bytes actually read (cache hits are not). */
  filesRead: number;
  bytesRead: number;
  filesUploaded: number;
  bytesUploaded: number;
}

/**
 * Hashes (SHA-256 only, reusing cached hashes), asks POST /blobs/missing batch by batch as soon as a batch is hashed,
 * and PUTs each missing blob while the next batch is hashed. The same bytes at several paths are asked for and
 * uploaded once, across batches too. The first failure stops everything and is thrown once uploads in flight settle.
 */
export async function hashAndUpload(client: Client, files: readonly PipelineFile[], options: PipelineOptions): Promise<PipelineResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { cache, onProgress } = options;
  const hashes = new Array<Sha256Hash>(files.length);
  const hashing = tracker("hash", files.length, files.reduce((total, file) => total + file.stamp.size, 0), onProgress);
  const uploading = tracker("upload", 0, 0, onProgress);
  const window = new ByteWindow();
  const asked = new Set<string>();
  const result: PipelineResult = { hashes, filesRead: 0, bytesRead: 0, filesUploaded: 0, bytesUploaded: 0 };

  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    uploads.stop();
    window.wake();
  };
  // Only bytes read for this log are held in the window: cache hits cost no reading, so none to run ahead of.
  const read = new Uint8Array(files.length);
  const release = (index: number, bytes: number) => {
    if (read[index]) window.release(bytes);
  };
  const completions = new CompletionBatcher(client, (error) => fail(error));
  // A task is one blob, or a pack of small ones sent as one POST /blobs/batch request, or (direct transfers) one
  // blob PUT to the object store with its plan.
  const uploads = new TaskQueue<UploadItem[]>(limits.uploadConcurrency, async (items) => {
    try {
      const onBytes = (bytes: number) => uploading.add(bytes, false);
      const first = items[0] as UploadItem;
      if (first.plan) completions.add(await uploadDirect(first.blob, first.plan, onBytes));
      else if (items.length === 1) await uploadBlob(client, first.blob, onBytes);
      else await uploadBlobPack(client, items.map(({ blob }) => blob), onBytes);
      for (let i = 0; i < items.length; i++) uploading.add(0, true);
    } finally {
      for (const { blob, index } of items) release(index, blob.size);
    }
  }, fail);

  // One check at a time, in order: `asked` then decides alone which path of a SHA-256 is uploaded.
  let checks = Promise.resolve();
  const check = async (indexes: number[]) => {
    const ask: { blob: BlobToUpload; index: number }[] = [];
    for (const index of indexes) {
      const { sha256, size } = hashes[index] as Sha256Hash;
      if (asked.has(sha256)) release(index, size);
      else {
        asked.add(sha256);
        ask.push({ blob: { localPath: (files[index] as PipelineFile).localPath, sha256, size }, index });
      }
    }
    if (ask.length === 0) return;
    const answer = await client.post<MissingBlobsDto>("/blobs/missing", { blobs: ask.map(({ blob }) => ({ sha256: blob.sha256, size: blob.size })) });
    const missing = new Set(answer.missing);
    const toUpload: UploadItem[] = ask.filter(({ blob }) => missing.has(blob.sha256)).map((item) => ({ ...item, plan: answer.uploads?.[item.blob.sha256] }));
    for (const { blob, index } of ask) if (!missing.has(blob.sha256)) release(index, blob.size);
    const bytes = toUpload.reduce((total, { blob }) => total + blob.size, 0);
    result.filesUploaded += toUpload.length;
    result.bytesUploaded += bytes;
    uploading.grow(toUpload.length, bytes);
    // Direct transfers: the object store takes one object per request, so there is nothing to pack.
    if (answer.uploads) uploads.setLimit(limits.directConcurrency);
    for (const pack of answer.uploads ? toUpload.map((item) => [item]) : packSmallBlobs(toUpload)) uploads.push(pack);
  };

  let batch: number[] = [];
  let readFiles = 0;
  let readBytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const indexes = batch;
    batch = [];
    readFiles = 0;
    readBytes = 0;
    checks = checks.then(() => (failure ? undefined : check(indexes))).catch(fail);
  };
  const record = (index: number, hash: Sha256Hash, wasRead: boolean) => {
    hashes[index] = hash;
    batch.push(index);
    if (wasRead) {
      read[index] = 1;
      window.add(hash.size);
      readFiles += 1;
      readBytes += hash.size;
    }
    if (batch.length >= limits.batchMaxFiles || readFiles >= limits.batchFiles || readBytes >= limits.batchBytes) flush();
  };

  // Cache hits cost no reading: they are recorded, and their batches asked for, before anything is hashed.
  const misses: number[] = [];
  files.forEach((file, index) => {
    const sha256 = file.cacheable ? cache?.lookup(file.stamp) : undefined;
    if (sha256 === undefined) return misses.push(index);
    hashing.add(file.stamp.size, true);
    record(index, { sha256, size: file.stamp.size }, false);
  });
  flush();

  const missBytes = misses.reduce((total, index) => total + (files[index] as PipelineFile).stamp.size, 0);
  const pool = new HashPool({
    workers: misses.length > 1 && missBytes >= limits.workerThreshold,
    nice: HASH_NICE,
    ...(limits.hashConcurrency ? { concurrency: limits.hashConcurrency } : {}),
  });
  let next = 0;
  const hashNext = async () => {
    while (!failure) {
      if (window.held >= limits.aheadBytes) flush();
      await window.waitBelow(limits.aheadBytes, () => failure !== undefined);
      if (failure || next >= misses.length) return;
      const index = misses[next++] as number;
      const file = files[index] as PipelineFile;
      const hash = await pool.hash(file.localPath, (bytes) => hashing.add(bytes, false));
      hashing.add(0, true);
      result.filesRead += 1;
      result.bytesRead += hash.size;
      if (file.cacheable && hash.size === file.stamp.size) cache?.store(file.stamp, hash.sha256, options.statAt);
      record(index, hash, true);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(pool.concurrency, misses.length) }, () => hashNext().catch(fail)));
  } finally {
    await pool.close();
  }
  // Every hash is known: the cache is written while the last uploads run (saving never throws).
  const saved = failure ? Promise.resolve(false) : (cache?.save() ?? Promise.resolve(true));
  flush();
  await checks;
  await uploads.drain();
  await completions.drain();
  await saved;
  if (failure) throw failure.error;
  return result;
}

interface UploadItem {
  blob: BlobToUpload;
  index: number;
  /** Where to PUT it when the server uses direct transfers. */
  plan?: UploadPlan | undefined;
}

/** Blobs under this size travel in packs; bigger ones get a request of their own. */
const PACK_BLOB_MAX = 8 << 20;
const PACK_BYTES = 32 << 20;
const PACK_BLOBS = 256;

/** Groups small blobs into packs of at most 32 MiB / 256 blobs, keeping big ones alone. */
export function packSmallBlobs<T extends { blob: BlobToUpload }>(items: readonly T[]): T[][] {
  const packs: T[][] = [];
  let pack: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (item.blob.size >= PACK_BLOB_MAX) {
      packs.push([item]);
      continue;
    }
    if (pack.length > 0 && (bytes + item.blob.size > PACK_BYTES || pack.length >= PACK_BLOBS)) {
      packs.push(pack);
      pack = [];
      bytes = 0;
    }
    pack.push(item);
    bytes += item.blob.size;
  }
  if (pack.length > 0) packs.push(pack);
  return packs;
}
