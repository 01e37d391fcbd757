import { z } from "zod";
import { ValidationError } from "../../errors";

/** The parts of a `wandb-artifact-manifest` v1 that Arca keeps; other keys are ignored (SPEC §2). */
const ZWandbManifest = z.object({
  version: z.literal(1),
  contents: z.record(
    z.string(),
    z.object({
      digest: z.string().min(1),
      size: z.number().int().nonnegative().nullish(),
      ref: z.string().nullish(),
      extra: z.record(z.string(), z.unknown()).nullish(),
    }),
  ),
});

/** One entry of an uploaded W&B manifest: a reference (ref set) or a file named by its MD5 (`digest`) and size. */
export interface WandbManifestEntry {
  path: string;
  digest: string;
  size: number;
  ref: string | null;
  extra: Record<string, unknown> | undefined;
}

/**
 * Parses and validates a manifest the client uploaded. Pure (no database): the task worker runs it
 * on large manifests (server/workers/task-list.ts), hence its own file with relative imports.
 */
export function parseWandbManifest(text: string): WandbManifestEntry[] {
  let manifest: z.infer<typeof ZWandbManifest>;
  try {
    manifest = ZWandbManifest.parse(JSON.parse(text));
  } catch (error) {
    throw new ValidationError("the uploaded manifest is not a wandb-artifact-manifest version 1 (JSON with version 1 and contents)", { cause: error });
  }
  return Object.entries(manifest.contents).map(([path, entry]) => ({ path, digest: entry.digest, size: entry.size ?? 0, ref: entry.ref || null, extra: entry.extra ?? undefined }));
}
