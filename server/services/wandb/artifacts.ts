import { findCommittedVersionByDigest, lockVersion, versionExists } from "@/db/queries/versions";
import { transaction } from "@/db/transaction";
import { addWandbDraftAliases, clearDistributedId, getWandbDraft, setWandbDraftCommitted } from "@/db/queries/wandb";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { finishArtifact, upsertArtifact } from "../artifacts/collaborate";
import { findCollection } from "../artifacts/collections";
import { loadVersionDto, type VersionDto } from "../artifacts/dto";
import { loadEntries } from "../artifacts/entries";
import { logArtifact } from "../artifacts/log";
import { useArtifact } from "../artifacts/use";
import { findProject } from "../projects/projects";
import { normalizeMetadata, parseJsonLenient } from "../metadata";
import type { EntryInput, Namespace } from "../schemas";
import type { ManifestKind } from "./ids";
import { entriesOfWandbManifest } from "./manifest";
import { createPacer } from "../../workers/pace";

/**
 * The W&B artifact protocol on Arca's own verbs. W&B creates a PENDING artifact, uploads files and
 * a manifest, then commits; Arca's equivalent is a draft (a PENDING version with a distributed id)
 * that `finishArtifact` commits. So: CreateArtifact opens the draft (W&B's distributed id, or one
 * per client artifact), the uploaded manifest is upserted into it, CommitArtifact finishes it with
 * the aliases CreateArtifact asked for. Dedup and lineage are Arca's, unchanged.
 */

/** Drafts opened for one client artifact (not W&B's collaborative mode) lose this id at commit. */
const CLIENT_DRAFT_PREFIX = "wandb-client-";

export interface CreateWandbArtifactInput {
  ns: Namespace;
  name: string;
  type: string;
  /** The client's manifest digest: a committed version with the same one is reused (dedup). */
  digest: string;
  description?: string | null;
  /** W&B sends metadata as a JSON string. */
  metadata?: string | null;
  aliases: string[];
  runName?: string | null;
  distributedId?: string | null;
  clientId: string;
}

export function parseWandbMetadata(text: string | null | undefined): Record<string, unknown> | undefined {
  if (text === null || text === undefined || text === "") return undefined;
  return normalizeMetadata(parseJsonLenient(text));
}

/**
 * Returns the version the client continues with: an existing committed one when the digest is
 * already there (the client then uploads nothing, and the aliases and the producing run are
 * recorded as for any dedup), else the draft to upload into.
 */
export async function createWandbArtifact(ctx: ServiceContext, input: CreateWandbArtifactInput): Promise<{ versionId: number; state: "COMMITTED" | "PENDING" }> {
  const metadata = parseWandbMetadata(input.metadata);
  const runId = input.runName ?? undefined;
  if (!input.distributedId) {
    const existing = await findExistingByDigest(ctx, input.ns, input.name, input.digest);
    if (existing !== undefined) {
      const entries: EntryInput[] = [];
      const pace = createPacer();
      for (const e of await loadEntries(ctx, existing)) {
        entries.push({
          path: e.path,
          digest: e.digest,
          size: e.size,
          ...(e.blobSha256 ? { sha256: e.blobSha256 } : { ref: e.ref ?? "" }),
          ...(e.extra ? { extra: JSON.parse(e.extra) as Record<string, unknown> } : {}),
        });
        if ((entries.length & 1023) === 0) await pace();
      }
      const logged = await logArtifact(ctx, input.ns, input.name, { type: input.type, entries, aliases: input.aliases, runId });
      return { versionId: logged.id, state: "COMMITTED" };
    }
  }
  const draft = await upsertArtifact(ctx, input.ns, input.name, {
    type: input.type,
    distributedId: input.distributedId || `${CLIENT_DRAFT_PREFIX}${input.clientId.slice(0, 32)}`,
    runId,
    description: input.description ?? undefined,
    metadata,
    aliases: [],
    entries: [],
  });
  // Writers of one draft merge their aliases into one list: the draft's row is locked while one does (PostgreSQL).
  await transaction(ctx, async () => {
    await lockVersion(ctx, draft.id);
    await addWandbDraftAliases(ctx, draft.id, input.aliases, ctx.now());
  });
  return { versionId: draft.id, state: "PENDING" };
}

async function findExistingByDigest(ctx: ServiceContext, ns: Namespace, name: string, digest: string): Promise<number | undefined> {
  const project = await findProject(ctx, ns);
  const collection = project && await findCollection(ctx, project.id, name);
  return collection ? findCommittedVersionByDigest(ctx, collection.id, digest) : undefined;
}

/**
 * The version an artifact id stands for now. A draft whose commit found identical contents is gone;
 * the id the client still holds then means the version it was deduplicated into.
 */
export async function currentVersionId(ctx: ServiceContext, versionId: number): Promise<number> {
  if (await versionExists(ctx, versionId)) return versionId;
  const committed = (await getWandbDraft(ctx, versionId))?.committedVersionId;
  if (committed !== null && committed !== undefined) return committed;
  throw new NotFoundError(`artifact ${versionId} does not exist`);
}

export async function loadWandbVersion(ctx: ServiceContext, versionId: number): Promise<VersionDto> {
  return await loadVersionDto(ctx, await currentVersionId(ctx, versionId));
}

/** The manifest the client PUT to its signed URL: its entries go into the draft (merged, so a retry is harmless). */
export async function applyWandbManifest(ctx: ServiceContext, input: { versionId: number; kind: ManifestKind; text: string }): Promise<VersionDto> {
  const version = await loadVersionDto(ctx, input.versionId);
  if (version.state !== "PENDING" || !version.distributedId) {
    throw new ConflictError(`artifact ${version.name} ${version.version ?? ""} is already ${version.state}; its manifest can no longer change`);
  }
  if (input.kind === "INCREMENTAL") throw new ValidationError("incremental manifests (wandb's incremental beta) are not supported; log the artifact without incremental=True");
  const entries = await entriesOfWandbManifest(ctx, input.text);
  await upsertArtifact(ctx, version, version.name, { type: version.type, distributedId: version.distributedId, entries, aliases: [] });
  return await loadVersionDto(ctx, input.versionId);
}

/** CommitArtifact: finishes the draft with the aliases CreateArtifact asked for (idempotent). */
export async function commitWandbArtifact(ctx: ServiceContext, versionId: number): Promise<VersionDto> {
  const version = await loadWandbVersion(ctx, versionId);
  if (version.state === "COMMITTED") return version;
  if (version.state !== "PENDING" || !version.distributedId) throw new ConflictError(`artifact ${version.name} was deleted; log it again`);
  const aliases = (await getWandbDraft(ctx, version.id))?.aliases ?? [];
  const committed = await finishArtifact(ctx, version, version.name, { type: version.type, distributedId: version.distributedId, aliases, entries: [] });
  await setWandbDraftCommitted(ctx, version.id, committed.id);
  if (committed.created && version.distributedId.startsWith(CLIENT_DRAFT_PREFIX)) {
    await clearDistributedId(ctx, committed.id);
    return await loadVersionDto(ctx, committed.id);
  }
  return committed;
}

/** UseArtifact: the run (in its own project) records the version as an input. */
export async function useWandbArtifact(ctx: ServiceContext, input: { versionId: number; runNs: Namespace; runName: string }): Promise<VersionDto> {
  const version = await loadWandbVersion(ctx, input.versionId);
  if (version.version === null) throw new ValidationError(`artifact ${version.name} is a draft (PENDING): finish it before using it`);
  return useArtifact(ctx, input.runNs, { ref: `${version.entity}/${version.project}/${version.name}:${version.version}`, runId: input.runName });
}
