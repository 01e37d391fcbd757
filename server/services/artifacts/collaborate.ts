import { findOpenDraft, insertDraft, lockCollection, setDraftText, setDraftTotals } from "@/db/queries/versions";
import { ConflictError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { normalizeMetadata } from "../metadata";
import { getRunRow, type RunRow } from "../runs/runs";
import type { FinishInput, Namespace, UpsertInput } from "../schemas";
import { transaction } from "@/db/transaction";
import { ensureCollection, type CollectionRow } from "./collections";
import { afterCommit, commitVersion, insertEntries, recordEdges } from "./commit";
import { loadVersionDto } from "./dto";
import { byPath, checkEntries, loadEntries, totalsOf, type ManifestEntry, type WithEntries } from "./entries";
import { createPacer } from "../../workers/pace";
import type { CommitResponse } from "./log";
import type { VersionRow } from "./resolve";

/**
 * Merges entries into a draft. Same path + same digest is a no-op; same path + another digest
 * is refused with both digests named, and nothing of this call is stored (the transaction rolls back).
 */
async function mergeIntoDraft(ctx: ServiceContext, draft: VersionRow, incoming: ManifestEntry[]): Promise<void> {
  const existing = await byPath(await loadEntries(ctx, draft.id));
  const conflicts: string[] = [];
  const added: ManifestEntry[] = [];
  const pace = createPacer();
  for (let i = 0; i < incoming.length; i++) {
    const entry = incoming[i]!;
    const current = existing.get(entry.path);
    if (!current) added.push(entry);
    else if (current.digest !== entry.digest) conflicts.push(`${entry.path} (draft has ${current.digest}, this upsert has ${entry.digest})`);
    if ((i & 1023) === 1023) await pace();
  }
  if (conflicts.length > 0) {
    throw new ConflictError(`conflicting upsert into draft ${draft.distributedId}: ${conflicts.slice(0, 10).join("; ")}${conflicts.length > 10 ? ` and ${conflicts.length - 10} more` : ""}. Nothing from this upsert was stored; the draft is unchanged.`);
  }
  await insertEntries(ctx, draft.id, added);
  await setDraftTotals(ctx, draft.id, { ...totalsOf([...existing.values(), ...added]), now: ctx.now() });
}

async function openDraft(ctx: ServiceContext, collection: CollectionRow, distributedId: string, input: WithEntries<UpsertInput>): Promise<VersionRow> {
  const existing = await findOpenDraft(ctx, collection.id, distributedId);
  const metadata = normalizeMetadata(input.metadata ?? {});
  if (existing) {
    const merged = { ...(JSON.parse(existing.metadata) as object), ...metadata };
    await setDraftText(ctx, existing.id, { metadata: JSON.stringify(merged), description: input.description ?? existing.description });
    return existing;
  }
  return insertDraft(ctx, { collectionId: collection.id, distributedId, description: input.description ?? "", metadata: JSON.stringify(metadata), now: ctx.now() });
}

/** The seeds' default: without an explicit distributed id, writers share their run's group. */
function distributedIdOf(input: WithEntries<UpsertInput>, run: RunRow | undefined): string {
  const id = input.distributedId ?? run?.group ?? undefined;
  if (!id) throw new ValidationError("collaborative mode needs a distributedId, or a runId whose run has a group (the default distributed id)");
  return id;
}

/**
 * What an upsert and a finish share, inside their transaction: the collection (locked, PostgreSQL:
 * writers of one draft read its entries and metadata and then write them, so they take turns), the
 * checked entries, the writer's run and the draft's distributed id.
 */
async function joinDraft(ctx: ServiceContext, ns: Namespace, name: string, input: WithEntries<UpsertInput>) {
  const collection = await ensureCollection(ctx, ns, name, input.type);
  await lockCollection(ctx, collection.id);
  const entries = await checkEntries(ctx, input.entries);
  const run = input.runId === undefined ? undefined : await getRunRow(ctx, collection.projectId, input.runId, ns);
  return { collection, entries, run, distributedId: distributedIdOf(input, run) };
}

/** Collaborative mode: create or join the draft for `distributedId` and merge this writer's entries. */
export async function upsertArtifact(ctx: ServiceContext, ns: Namespace, name: string, input: WithEntries<UpsertInput>): Promise<CommitResponse> {
  const draftId = await transaction(ctx, async () => {
    const { collection, entries, run, distributedId } = await joinDraft(ctx, ns, name, input);
    const draft = await openDraft(ctx, collection, distributedId, input);
    await mergeIntoDraft(ctx, draft, entries);
    if (run) await recordEdges(ctx, [run.id], draft.id, "logged");
    return draft.id;
  });
  return { ...(await loadVersionDto(ctx, draftId)), created: true };
}

/** Adds the finisher's entries, then commits the draft (dedup and aliases apply). An upsert after this opens a new draft. */
export async function finishArtifact(ctx: ServiceContext, ns: Namespace, name: string, input: WithEntries<FinishInput>): Promise<CommitResponse> {
  const result = await transaction(ctx, async () => {
    const { collection, entries, run, distributedId } = await joinDraft(ctx, ns, name, input);
    const existing = await findOpenDraft(ctx, collection.id, distributedId);
    if (!existing && entries.length === 0) {
      throw new ConflictError(`nothing to commit: there is no draft for distributed id \`${distributedId}\` and this finish adds no files`);
    }
    const draft = await openDraft(ctx, collection, distributedId, input);
    await mergeIntoDraft(ctx, draft, entries);
    if (run) await recordEdges(ctx, [run.id], draft.id, "logged");
    const all = await loadEntries(ctx, draft.id);
    if (all.length === 0) throw new ConflictError(`nothing to commit: the draft for \`${distributedId}\` has no files or references`);
    const fresh = (await findOpenDraft(ctx, collection.id, distributedId))!;
    return commitVersion(ctx, {
      collection,
      entries: all,
      description: fresh.description,
      metadata: JSON.parse(fresh.metadata) as Record<string, unknown>,
      aliases: input.aliases,
      producerRunPks: [],
      draftId: draft.id,
    });
  });
  afterCommit(ctx, result);
  return { ...(await loadVersionDto(ctx, result.versionId)), created: result.created };
}
