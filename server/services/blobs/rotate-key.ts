import { blobExists, countBlobs, listBlobsAfter } from "@/db/queries/blobs";
import os from "node:os";
import type { ServiceContext } from "../../context";
import { ConflictError, ValidationError, isDomainError } from "../../errors";
import { enqueueOnce, getJobInput, JobRunner, waitForJob, type JobStatus } from "../jobs/queue";
import { EncryptedBlobStore } from "../../storage/encrypted-blob-store";
import { withBlobLock } from "./blob-lock";

export interface RotateKeyProgress {
  done: number;
  total: number;
  sha256: string;
  outcome: "re-encrypted" | "already-current" | "missing";
}

export interface RotateKeyResult {
  keyId: string;
  total: number;
  reencrypted: number;
  bytesReencrypted: number;
  alreadyCurrent: number;
  /** Blobs the database lists but the store does not hold (left as they are; GC or a restore deals with them). */
  missing: number;
}

const PAGE = 500;

/**
 * Re-encrypts with the current key (ARCA_ENCRYPTION_KEY) every blob that is stored in the clear or
 * under an old key (ARCA_ENCRYPTION_OLD_KEYS). Blobs are visited in SHA-256 order and the ones already
 * on the current key are skipped, so a re-run after a kill continues where the last one stopped.
 * Each blob is decrypted, verified against the size and MD5 the database holds, and written through
 * the store's put (temp + atomic replace): a kill leaves the old blob or the new one, never neither.
 */
export async function rotateBlobKeys(ctx: ServiceContext, opts: { onProgress?: (p: RotateKeyProgress) => void } = {}): Promise<RotateKeyResult> {
  const store = encryptedStoreOf(ctx);
  const total = await countBlobs(ctx);
  const result: RotateKeyResult = { keyId: store.currentKeyId, total, reencrypted: 0, bytesReencrypted: 0, alreadyCurrent: 0, missing: 0 };
  let done = 0;
  let after = "";
  for (let rows = await listBlobsAfter(ctx, after, PAGE); rows.length > 0; rows = await listBlobsAfter(ctx, after, PAGE)) {
    for (const blob of rows) {
      after = blob.sha256;
      // The blob's lock keeps GC (and an upload of the same bytes) in this process out meanwhile.
      const outcome = await withBlobLock(ctx, blob.sha256, () => rotateOne(ctx, store, blob));
      if (outcome === "re-encrypted") {
        result.reencrypted++;
        result.bytesReencrypted += blob.size;
      } else if (outcome === "already-current") result.alreadyCurrent++;
      else result.missing++;
      opts.onProgress?.({ done: ++done, total, sha256: blob.sha256, outcome });
    }
  }
  return result;
}

function encryptedStoreOf(ctx: ServiceContext): EncryptedBlobStore {
  if (!(ctx.blobs instanceof EncryptedBlobStore)) {
    throw new ValidationError("encryption is off: set ARCA_ENCRYPTION_KEY to the new key (and ARCA_ENCRYPTION_OLD_KEYS to the keys blobs are encrypted with now)");
  }
  return ctx.blobs;
}

export const ROTATE_KEY_JOB = "rotate-key";

/**
 * A key rotation as a job row (issue 11): one rotation at a time across every instance and admin
 * process, its progress readable from any of them. It runs in the process that asked for it, because
 * that process holds the new and old keys in its environment; the servers never claim it. A second
 * `rotate-key` while one runs follows its progress, and takes it over (the rotation is resumable) if
 * the process running it died: its heartbeat stops and the job is claimed again after 30 s.
 */
export async function rotateBlobKeysAsJob(
  ctx: ServiceContext,
  opts: { onProgress?: (p: RotateKeyProgress) => void; onFollow?: (job: JobStatus) => void } = {},
): Promise<RotateKeyResult> {
  const store = encryptedStoreOf(ctx);
  const keyId = store.currentKeyId;
  const job = await enqueueOnce(ctx, { kind: ROTATE_KEY_JOB, input: { keyId }, total: await countBlobs(ctx) });
  if (job.joined) {
    const running = await getJobInput<{ keyId: string }>(ctx, job.id);
    if (running.keyId !== keyId) {
      throw new ConflictError(`a rotation to key id ${running.keyId} is running (${job.owner ?? "queued"}); wait for it to finish before rotating to key id ${keyId}`);
    }
    opts.onFollow?.(job);
  }
  const runner = new JobRunner(ctx, { owner: `arca admin rotate-key ${os.hostname()}:${process.pid}`, pollMs: 1_000 }).handle(
    ROTATE_KEY_JOB,
    (c: ServiceContext, input: { keyId: string }, progress) => {
      if (input.keyId !== keyId) throw new ConflictError(`the queued rotation is to key id ${input.keyId}, but ARCA_ENCRYPTION_KEY here is key id ${keyId}`);
      return rotateBlobKeys(c, { onProgress: (p) => (progress.report(p.done), opts.onProgress?.(p)) });
    },
  );
  runner.start();
  try {
    return await waitForJob<RotateKeyResult>(ctx, { id: job.id, kind: ROTATE_KEY_JOB, pollMs: 200 });
  } finally {
    await runner.stop();
  }
}

async function rotateOne(ctx: ServiceContext, store: EncryptedBlobStore, blob: { sha256: string; size: number; md5: string }): Promise<RotateKeyProgress["outcome"]> {
  try {
    if ((await store.keyIdOf(blob.sha256)) === store.currentKeyId) return "already-current";
    const plaintext = await store.read(blob.sha256);
    await store.put(blob.sha256, plaintext, { size: blob.size, md5: blob.md5 });
    // A server's GC (another process: the lock above is per process) may have deleted the blob meanwhile;
    // the put brought its file back, and no row would ever let GC find it again.
    if (!(await blobExists(ctx, blob.sha256))) {
      await store.delete(blob.sha256);
      return "missing";
    }
    return "re-encrypted";
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") return "missing";
    throw error;
  }
}
