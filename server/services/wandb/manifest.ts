import { z } from "zod";
import { findBlobByMd5 } from "@/db/queries/blobs";
import { PreconditionFailedError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { EntryInput } from "../schemas";
import { loadEntries } from "../artifacts/entries";

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

/**
 * The entries of a manifest the client uploaded. A file entry names its bytes by MD5 and size,
 * and must match a blob the client uploaded (or the server already held); a reference keeps its URI.
 */
export async function entriesOfWandbManifest(ctx: ServiceContext, text: string): Promise<EntryInput[]> {
  let manifest: z.infer<typeof ZWandbManifest>;
  try {
    manifest = ZWandbManifest.parse(JSON.parse(text));
  } catch (error) {
    throw new ValidationError("the uploaded manifest is not a wandb-artifact-manifest version 1 (JSON with version 1 and contents)", { cause: error });
  }
  const out: EntryInput[] = [];
  for (const [path, entry] of Object.entries(manifest.contents)) out.push(await (async () => {
    const size = entry.size ?? 0;
    const extra = entry.extra ?? undefined;
    if (entry.ref) return { path, ref: entry.ref, digest: entry.digest, size, extra };
    const blob = await findBlobByMd5(ctx, entry.digest, size);
    if (!blob) {
      throw new PreconditionFailedError(`the file ${JSON.stringify(path)} (MD5 ${entry.digest}, ${size} bytes) was not uploaded; upload it to the URL CreateArtifactFiles gave, then the manifest`);
    }
    return { path, sha256: blob.sha256, digest: entry.digest, size, extra };
  })());
  return out;
}

/** The W&B manifest of a version, as `wandb` reads it when it downloads (Arca's own keys left out). */
export async function buildWandbManifest(ctx: ServiceContext, versionId: number): Promise<Record<string, unknown>> {
  const contents: Record<string, { digest: string; size: number; ref?: string; extra?: unknown }> = {};
  for (const e of await loadEntries(ctx, versionId)) {
    contents[e.path] = {
      digest: e.digest,
      size: e.size,
      ...(e.ref !== null ? { ref: e.ref } : {}),
      ...(e.extra !== null ? { extra: JSON.parse(e.extra) as unknown } : {}),
    };
  }
  return { version: 1, storagePolicy: "wandb-storage-policy-v1", storagePolicyConfig: { storageLayout: "V2" }, contents };
}
