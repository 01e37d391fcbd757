import { z } from "zod";
import { getCleanupJob, listCleanupCandidates, previewCleanup, startCleanup } from "../../services/artifacts/cleanup-project";
import { runGarbageCollection } from "../../services/blobs/gc";
import { getProjectStorage } from "../../services/blobs/storage";
import { ZNamespace } from "../../services/schemas";
import { adminProcedure, router } from "../init";
import { ZVersionListRow } from "./shapes";

/** Scope (whole project, one collection, or one type) and the criteria of the cleanup form. */
const ZCleanupRequest = ZNamespace.extend({
  collection: z.string().optional(),
  type: z.string().optional(),
  keepNewest: z.number().int().nonnegative().max(1_000_000).default(0),
  olderThanDays: z.number().nonnegative().optional(),
  includeDrafts: z.boolean().default(false),
});

const ZJob = z.object({
  id: z.string(),
  state: z.enum(["queued", "running", "succeeded", "failed"]),
  done: z.number(),
  total: z.number(),
  /** The instance that runs it (host:pid:tag), null while queued. */
  owner: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: z.object({ deleted: z.number(), skipped: z.number(), bytesFreed: z.number() }).nullable(),
  error: z.string().nullable(),
});

export const cleanupRouter = router({
  preview: adminProcedure
    .input(ZCleanupRequest)
    .output(
      z.object({
        collections: z.array(z.object({ name: z.string(), type: z.string(), versions: z.number(), drafts: z.number(), logicalBytes: z.number() })),
        collectionsScanned: z.number(),
        totalVersions: z.number(),
        totalDrafts: z.number(),
        logicalBytes: z.number(),
        bytesFreed: z.number(),
      }),
    )
    .query(({ ctx, input }) => previewCleanup(ctx.ctx, input, input, input)),
  candidates: adminProcedure
    .input(ZCleanupRequest.extend({ cursor: z.string().nullish(), limit: z.number().int().min(1).max(500).default(50) }))
    .output(
      z.object({
        items: z.array(
          ZVersionListRow.extend({ state: z.enum(["COMMITTED", "PENDING"]) }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listCleanupCandidates(ctx.ctx, input, input, input, input)),
  /** Starts the deletion; `expectedVersions` is the previewed count (versions + drafts). Poll `status`. */
  start: adminProcedure
    .input(ZCleanupRequest.extend({ expectedVersions: z.number().int().nonnegative() }))
    .output(ZJob)
    .mutation(({ ctx, input }) => startCleanup(ctx.ctx, input, input, input, input.expectedVersions, ctx.actor)),
  status: adminProcedure
    .input(ZNamespace.extend({ jobId: z.string().min(1).max(64) }))
    .output(ZJob)
    .query(({ ctx, input }) => getCleanupJob(ctx.ctx, { ...input, id: input.jobId })),
  /** Bytes the project holds and what garbage collection would reclaim now (its own dry run). */
  storage: adminProcedure
    .output(
      z.object({
        projectBytes: z.number(),
        projectVersions: z.number(),
        gc: z.object({ blobsDeleted: z.number(), bytesFreed: z.number(), blobsPending: z.number(), bytesPending: z.number() }),
      }),
    )
    .query(({ ctx, input }) => getProjectStorage(ctx.ctx, input)),
  /** Garbage collection is store-wide but only removes blobs no live version holds; a project's admins may start it from cleanup. */
  collectGarbage: adminProcedure
    .output(
      z.object({
        dryRun: z.boolean(),
        blobsDeleted: z.number(),
        bytesFreed: z.number(),
        tempFilesRemoved: z.number(),
        blobsPending: z.number(),
        bytesPending: z.number(),
      }),
    )
    .mutation(({ ctx }) => runGarbageCollection(ctx.ctx, { actor: ctx.actor })),
});
