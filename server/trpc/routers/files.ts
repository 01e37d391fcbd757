import { z } from "zod";
import { previewFile } from "../../services/files/preview";
import { listChildren } from "../../services/files/tree";
import { ZNamespace } from "../../services/schemas";
import { readProcedure, router, PURE_READ } from "../init";

const ZVersionInput = ZNamespace.extend({ name: z.string().min(1), version: z.string().min(1) });

const ZEntry = z.object({
  path: z.string(),
  digest: z.string(),
  size: z.number(),
  sha256: z.string().optional(),
  ref: z.string().optional(),
  // Not z.record: it would drop a `__proto__` key, and every JSON key is data.
  extra: z.custom<Record<string, unknown>>().optional(),
});

const ZTreeItem = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("folder"), name: z.string(), path: z.string(), fileCount: z.number(), countCapped: z.boolean() }),
  ZEntry.extend({ kind: z.literal("file"), name: z.string() }),
]);

const ZPreview = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("reference"), entry: ZEntry }),
  z.object({ kind: z.enum(["text", "markdown", "json"]), entry: ZEntry, text: z.string(), truncated: z.boolean() }),
  z.object({ kind: z.enum(["csv", "tsv"]), entry: ZEntry, rows: z.array(z.array(z.string())), truncated: z.boolean() }),
  z.object({ kind: z.literal("image"), entry: ZEntry, tooLarge: z.boolean() }),
  z.object({ kind: z.literal("binary"), entry: ZEntry }),
]);

export const filesRouter = router({
  /** One folder's children (folders first), keyset-paged: `cursor` comes from the previous page. */
  list: readProcedure.meta(PURE_READ)
    .input(
      ZVersionInput.extend({
        dir: z.string().max(4096).default(""),
        namePrefix: z.string().max(1024).optional(),
        cursor: z.string().nullish(),
        limit: z.number().int().min(1).max(1000).default(100),
      }),
    )
    .output(z.object({ dir: z.string(), items: z.array(ZTreeItem), nextCursor: z.string().nullable() }))
    .query(({ ctx, input: { entity, project, name, version, ...opts } }) => listChildren(ctx.ctx, { entity, project }, name, version, opts)),
  /** The head of one file (at most 256 KiB read) with its detected kind. */
  preview: readProcedure.meta(PURE_READ)
    .input(ZVersionInput.extend({ path: z.string().min(1).max(4096) }))
    .output(ZPreview)
    .query(({ ctx, input: { entity, project, name, version, path } }) => previewFile(ctx.ctx, { entity, project }, name, version, path)),
});
