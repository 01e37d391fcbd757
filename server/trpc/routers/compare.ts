import { z } from "zod";
import { compareVersions, listFileChanges } from "../../services/artifacts/compare";
import { diffVersionFile } from "../../services/artifacts/file-diff";
import { listVersionOptions } from "../../services/artifacts/version-options";
import { ZNamespace } from "../../services/schemas";
import { readProcedure, router } from "../init";

const ZPair = ZNamespace.extend({ name: z.string(), a: z.string().min(1), b: z.string().min(1) });
const ZChangeFilter = z.enum(["all", "added", "removed", "changed"]);

const ZCompareVersion = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  ref: z.string(),
  version: z.string().nullable(),
  state: z.enum(["PENDING", "COMMITTED", "DELETED"]),
  digest: z.string().nullable(),
  size: z.number(),
  fileCount: z.number(),
  aliases: z.array(z.string()),
  createdAt: z.string(),
});

const ZDiffSide = z.object({ version: z.string(), size: z.number(), digest: z.string() }).nullable();
const ZDiffLine = z.object({ kind: z.enum(["context", "added", "removed"]), text: z.string(), oldNo: z.number().optional(), newNo: z.number().optional() });
const ZFileDiffResult = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("diff"),
    format: z.enum(["text", "json"]),
    hunks: z.array(z.object({ oldStart: z.number(), oldLines: z.number(), newStart: z.number(), newLines: z.number(), lines: z.array(ZDiffLine) })),
    added: z.number(),
    removed: z.number(),
  }),
  z.object({ status: z.literal("too-large"), limit: z.number() }),
  z.object({ status: z.enum(["identical", "binary", "reference", "too-many-changes"]) }),
]);

const ZSide = z.object({ digest: z.string(), size: z.number(), ref: z.string().nullable() }).nullable();

export const compareRouter = router({
  summary: readProcedure
    .input(ZPair)
    .output(
      z.object({
        a: ZCompareVersion,
        b: ZCompareVersion,
        swapped: z.boolean(),
        sameContents: z.boolean(),
        summary: z.object({
          added: z.number(),
          removed: z.number(),
          changed: z.number(),
          unchanged: z.number(),
          addedBytes: z.number(),
          removedBytes: z.number(),
          changedBytesDelta: z.number(),
          sizeDelta: z.number(),
        }),
        metadata: z.array(z.object({ key: z.array(z.string()), kind: z.enum(["added", "removed", "changed", "unchanged"]), before: z.unknown().optional(), after: z.unknown().optional() })),
        description: z.object({ before: z.string(), after: z.string(), changed: z.boolean() }),
      }),
    )
    .query(({ ctx, input }) => compareVersions(ctx.ctx, input, input.name, input.a, input.b)),
  files: readProcedure
    .input(ZPair.extend({ filter: ZChangeFilter.default("all"), cursor: z.string().nullish(), limit: z.number().int().min(1).max(1000).default(100) }))
    .output(
      z.object({
        items: z.array(z.object({ path: z.string(), kind: z.enum(["added", "removed", "changed"]), before: ZSide, after: ZSide })),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listFileChanges(ctx.ctx, input, input.name, input.a, input.b, input)),
  /** One file's line diff, the older version as the base whatever order a and b are in. */
  fileDiff: readProcedure
    .input(ZPair.extend({ path: z.string().min(1).max(4096) }))
    .output(z.object({ path: z.string(), before: ZDiffSide, after: ZDiffSide, result: ZFileDiffResult }))
    .query(({ ctx, input }) => diffVersionFile(ctx.ctx, input, input)),
  versionOptions: readProcedure
    .input(ZNamespace.extend({ name: z.string(), query: z.string().max(200).optional(), cursor: z.string().nullish(), limit: z.number().int().min(1).max(200).default(30) }))
    .output(
      z.object({
        items: z.array(z.object({ selector: z.string(), aliases: z.array(z.string()), size: z.number(), fileCount: z.number(), createdAt: z.string() })),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listVersionOptions(ctx.ctx, input, input.name, input)),
});
