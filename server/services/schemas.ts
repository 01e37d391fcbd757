import { z } from "zod";
import { jsonDepthProblem } from "./metadata";

/** Input schemas shared by the HTTP API and tRPC. Names are checked in services with lib/names rules. */

/**
 * Free-form JSON (metadata, config, entry `extra`), checked for depth at input validation. Kept
 * as sent: z.record would drop a `__proto__` key, and every key is data.
 */
const zJson = (where: string) =>
  z.unknown().superRefine((value, ctx) => {
    const problem = jsonDepthProblem(value, where);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const zJsonObject = (where: string) =>
  zJson(where)
    .refine((v) => v !== null && typeof v === "object" && !Array.isArray(v), `${where} must be a JSON object, like {"key": "value"}`)
    .transform((v) => v as Record<string, unknown>);

export const ZNamespace = z.object({ entity: z.string(), project: z.string() });
export type Namespace = z.infer<typeof ZNamespace>;

export const ZEntryInput = z.object({
  path: z.string(),
  // Optional for files: the server computed the MD5 of the bytes at upload and fills it in.
  digest: z.string().min(1).max(4096).optional(),
  size: z.number().int().nonnegative().default(0),
  sha256: z.string().optional(),
  ref: z.string().max(8192).optional(),
  extra: zJsonObject("extra").optional(),
});
export type EntryInput = z.infer<typeof ZEntryInput>;

const ZCommitFields = {
  type: z.string().optional(),
  description: z.string().max(100_000).optional(),
  metadata: zJson("metadata").optional(),
  aliases: z.array(z.string()).max(100).default([]),
  runId: z.string().max(128).optional(),
  entries: z.array(ZEntryInput).max(1_000_000).default([]),
};

export const ZLogInput = z.object({ ...ZCommitFields, type: z.string() });
export type LogInput = z.infer<typeof ZLogInput>;

export const ZUpsertInput = z.object({ ...ZCommitFields, type: z.string(), distributedId: z.string().min(1).max(256).optional() });
export type UpsertInput = z.infer<typeof ZUpsertInput>;

export const ZFinishInput = ZUpsertInput;
export type FinishInput = UpsertInput;

export const ZPatchInput = z.object({ ...ZCommitFields, base: z.string().min(1), remove: z.array(z.string()).default([]) });
export type PatchInput = z.infer<typeof ZPatchInput>;

export const ZUseInput = z.object({ ref: z.string().min(1), runId: z.string().min(1).max(128) });
export type UseInput = z.infer<typeof ZUseInput>;

export const ZUpdateVersionInput = z.object({
  description: z.string().max(100_000).optional(),
  metadata: zJson("metadata").optional(),
  replaceMetadata: z.boolean().default(false),
  aliases: z
    .object({
      add: z.array(z.string()).optional(),
      remove: z.array(z.string()).optional(),
      set: z.array(z.string()).optional(),
    })
    .optional(),
  expectedRevision: z.number().int().nonnegative().optional(),
});
export type UpdateVersionInput = z.infer<typeof ZUpdateVersionInput>;

export const ZCleanupInput = z.object({
  keepNewest: z.number().int().nonnegative().default(0),
  olderThanDays: z.number().nonnegative().optional(),
  dryRun: z.boolean().default(false),
  includeDrafts: z.boolean().default(false),
});
export type CleanupInput = z.infer<typeof ZCleanupInput>;

export const ZRunInput = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "run ids use 1-128 letters, digits, '_', '.' or '-'").optional(),
  name: z.string().max(256).optional(),
  jobType: z.string().max(128).optional(),
  group: z.string().max(256).optional(),
  config: zJsonObject("config").optional(),
});
export type RunInput = z.infer<typeof ZRunInput>;

export const ZRunState = z.enum(["running", "finished", "crashed", "failed"]);

export const ZMissingBlobsInput = z.object({
  blobs: z.array(z.object({ sha256: z.string(), size: z.number().int().nonnegative() })).max(1_000_000),
});

/** POST /blobs/complete: the direct uploads a client finished (docs/api.md, "Direct transfers"). */
export const ZCompleteUploadsInput = z.object({
  uploads: z
    .array(
      z.object({
        sha256: z.string(),
        size: z.number().int().nonnegative(),
        key: z.string().max(1024),
        uploadId: z.string().max(1024).optional(),
        parts: z.array(z.object({ number: z.number().int().min(1).max(10_000), etag: z.string().max(256) })).max(10_000).optional(),
      }),
    )
    .max(1_000),
});
