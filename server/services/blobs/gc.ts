import { deleteBlobIfCollectable, listCollectableBlobs, lockBlob, sumPendingBlobs } from "@/db/queries/blobs";
import { transaction } from "@/db/transaction";
import { recordAudit } from "../accounts/audit";
import type { ServiceContext } from "../../context";
import { withBlobLock } from "./blob-lock";
import { defineJob, enqueueOnce, waitForJob } from "../jobs/queue";

export interface GcResult {
  dryRun: boolean;
  blobsDeleted: number;
  bytesFreed: number;
  tempFilesRemoved: number;
  /** Unreferenced blobs GC must keep for now (uploaded within the grace period, or announced by a client): a later run reclaims them. */
  blobsPending: number;
  bytesPending: number;
}

/**
 * Deletes blobs no live (committed or pending) version references. Safe during uploads: blobs
 * uploaded or announced within the lease window are kept, and each blob's row and file are
 * removed under the same lock its upload publishes under.
 */
/** `actor`: who started it, for the audit log (a dry run is not recorded). */
export async function collectGarbage(ctx: ServiceContext, opts: { dryRun?: boolean; graceMs?: number; actor?: string } = {}): Promise<GcResult> {
  const now = ctx.now();
  const params = { now, graceCutoff: now - (opts.graceMs ?? 60 * 60 * 1000) };
  const candidates = await listCollectableBlobs(ctx, params);
  const held = await sumPendingBlobs(ctx, params);
  if (opts.dryRun) {
    return { dryRun: true, blobsDeleted: candidates.length, bytesFreed: candidates.reduce((s, b) => s + b.size, 0), tempFilesRemoved: 0, ...held };
  }
  let blobsDeleted = 0;
  let bytesFreed = 0;
  for (const blob of candidates) {
    await withBlobLock(ctx, blob.sha256, async () => {
      // Re-checked in the DELETE itself, with the row locked first (PostgreSQL): a commit or a lease
      // since the scan keeps the blob alive. The bytes go after the commit, outside the transaction.
      const deleted = await transaction(ctx, async () => (await lockBlob(ctx, blob.sha256)) && deleteBlobIfCollectable(ctx, blob.sha256, params));
      if (!deleted) return;
      await ctx.blobs.delete(blob.sha256);
      blobsDeleted++;
      bytesFreed += blob.size;
    });
  }
  const tempFilesRemoved = await ctx.blobs.sweepTemp(24 * 60 * 60 * 1000);
  if (opts.actor) await recordAudit(ctx, { actor: opts.actor, action: "gc", target: "blobs", entity: null, detail: { blobsDeleted, bytesFreed } });
  return { dryRun: false, blobsDeleted, bytesFreed, tempFilesRemoved, ...held };
}

export const GC_JOB = "gc";

const gcJob = defineJob(GC_JOB, (ctx: ServiceContext, input: { actor: string | null }) => collectGarbage(ctx, { actor: input.actor ?? undefined }));

/**
 * Garbage collection as a job (issue 11): one at a time across every instance, run by whichever
 * instance's runner claims it. A request while one is queued or running joins it and answers its
 * result. The caller waits for the end, as it did when GC ran in the request: GC of a big store takes
 * a while, and the job goes on if the caller gives up.
 */
export async function runGarbageCollection(ctx: ServiceContext, { actor }: { actor?: string } = {}): Promise<GcResult> {
  const job = await enqueueOnce(ctx, { kind: gcJob.kind, input: { actor: actor ?? null }, total: 0 });
  return waitForJob<GcResult>(ctx, { id: job.id, kind: gcJob.kind, pollMs: 100 });
}
