import { recordAudit } from "../accounts/audit";
import type { ServiceContext } from "../../context";
import { withKeyLock } from "../locks";

export interface GcResult {
  dryRun: boolean;
  blobsDeleted: number;
  bytesFreed: number;
  tempFilesRemoved: number;
  /** Unreferenced blobs GC must keep for now (uploaded within the grace period, or announced by a client): a later run reclaims them. */
  blobsPending: number;
  bytesPending: number;
}

const NO_LIVE_REFERENCE = `not exists (select 1 from entries e join versions v on v.id = e.version_id
                                 where e.blob_sha256 = b.sha256 and v.state != 'DELETED')`;
const OUT_OF_GRACE = "b.created_at < @graceCutoff and (b.leased_until is null or b.leased_until < @now)";
const UNREFERENCED = `${NO_LIVE_REFERENCE} and ${OUT_OF_GRACE}`;

/**
 * Deletes blobs no live (committed or pending) version references. Safe during uploads: blobs
 * uploaded or announced within the lease window are kept, and each blob's row and file are
 * removed under the same lock its upload publishes under.
 */
/** `actor`: who started it, for the audit log (a dry run is not recorded). */
export async function collectGarbage(ctx: ServiceContext, opts: { dryRun?: boolean; graceMs?: number; actor?: string } = {}): Promise<GcResult> {
  const now = ctx.now();
  const params = { now, graceCutoff: now - (opts.graceMs ?? 60 * 60 * 1000) };
  const candidates = ctx.sqlite
    .prepare<typeof params, { sha256: string; size: number }>(`select b.sha256, b.size from blobs b where ${UNREFERENCED}`)
    .all(params);
  const held = ctx.sqlite
    .prepare<typeof params, { blobsPending: number; bytesPending: number }>(
      `select count(*) as blobsPending, coalesce(sum(b.size), 0) as bytesPending from blobs b where ${NO_LIVE_REFERENCE} and not (${OUT_OF_GRACE})`,
    )
    .get(params)!;
  if (opts.dryRun) {
    return { dryRun: true, blobsDeleted: candidates.length, bytesFreed: candidates.reduce((s, b) => s + b.size, 0), tempFilesRemoved: 0, ...held };
  }
  const remove = ctx.sqlite.prepare<typeof params & { sha: string }>(`delete from blobs as b where b.sha256 = @sha and ${UNREFERENCED}`);
  let blobsDeleted = 0;
  let bytesFreed = 0;
  for (const blob of candidates) {
    await withKeyLock(`blob:${blob.sha256}`, async () => {
      // Re-checked in the DELETE itself: a commit since the scan keeps the blob alive.
      if (remove.run({ ...params, sha: blob.sha256 }).changes === 0) return;
      await ctx.blobs.delete(blob.sha256);
      blobsDeleted++;
      bytesFreed += blob.size;
    });
  }
  const tempFilesRemoved = await ctx.blobs.sweepTemp(24 * 60 * 60 * 1000);
  if (opts.actor) recordAudit(ctx, { actor: opts.actor, action: "gc", target: "blobs", entity: null, detail: { blobsDeleted, bytesFreed } });
  return { dryRun: false, blobsDeleted, bytesFreed, tempFilesRemoved, ...held };
}
