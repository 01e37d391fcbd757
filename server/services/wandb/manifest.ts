import { findBlobsByMd5 } from "@/db/queries/blobs";
import { PreconditionFailedError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { EntryInput } from "../schemas";
import { loadEntries } from "../artifacts/entries";
import { createPacer } from "../../workers/pace";
import { tasks } from "../../workers/task-list";
import { parseParts, runTask } from "../../workers/tasks";
import type { WandbManifestEntry } from "./manifest-parse";

/** Manifests up to this size are parsed on the main thread (a few milliseconds). */
const WORKER_TEXT_THRESHOLD = 256 * 1024;
/** MD5s looked up per query. */
const MD5_BATCH = 500;

/**
 * The entries of a manifest the client uploaded. A file entry names its bytes by MD5 and size,
 * and must match a blob the client uploaded (or the server already held); a reference keeps its URI.
 * A large manifest is parsed in a worker thread, and its blobs looked up 500 at a time with turns of
 * the event loop between: a 200,000-entry manifest must not stop other requests.
 */
export async function entriesOfWandbManifest(ctx: ServiceContext, text: string): Promise<EntryInput[]> {
  const parts: string[] = [];
  const collect = (part: string) => parts.push(part);
  if (text.length <= WORKER_TEXT_THRESHOLD) tasks.wandbManifest({ text }, collect);
  else await runTask("wandbManifest", { text }, { onPart: collect });
  const parsed = await parseParts<WandbManifestEntry>(parts);
  const pace = createPacer();
  const out: EntryInput[] = [];
  for (let start = 0; start < parsed.length; start += MD5_BATCH) {
    const batch = parsed.slice(start, start + MD5_BATCH);
    const files = [...new Set(batch.flatMap((e) => (e.ref ? [] : [e.digest])))];
    // Per MD5 and size, the lowest SHA-256 (rows come in SHA-256 order): findBlobByMd5's rule.
    const blobs = new Map<string, string>();
    for (const b of await findBlobsByMd5(ctx, files)) if (!blobs.has(`${b.md5}:${b.size}`)) blobs.set(`${b.md5}:${b.size}`, b.sha256);
    for (const { path, digest, size, ref, extra } of batch) {
      if (ref) {
        out.push({ path, ref, digest, size, extra });
        continue;
      }
      const sha256 = blobs.get(`${digest}:${size}`);
      if (!sha256) {
        throw new PreconditionFailedError(`the file ${JSON.stringify(path)} (MD5 ${digest}, ${size} bytes) was not uploaded; upload it to the URL CreateArtifactFiles gave, then the manifest`);
      }
      out.push({ path, sha256, digest, size, extra });
    }
    await pace();
  }
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
