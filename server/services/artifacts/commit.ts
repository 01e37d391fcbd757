import { deleteVersionEntriesBatch, insertVersionEntries } from "@/db/queries/entries";
import { deleteVersionRunEdges, insertRunEdge, listProducerRunPks } from "@/db/queries/runs";
import {
  commitDraftVersion,
  deletePendingVersion,
  findCommittedVersionByDigest,
  insertCommittedVersion,
  lockCollection,
  readNextVersionIndex,
  recordCommitInCollection,
} from "@/db/queries/versions";
import { computeManifestDigest } from "@/lib/digest";
import type { ServiceContext } from "../../context";
import { createPacer } from "../../workers/pace";
import { runTask } from "../../workers/tasks";
import { touchProject } from "../projects/projects";
import { holdsTables, indexTablesInBackground } from "../tables/warm";
import type { CollectionRow } from "./collections";
import { moveAlias, withLatest } from "./aliases";
import { totalsOf, type ManifestEntry } from "./entries";

export interface CommitRequest {
  collection: CollectionRow;
  entries: ManifestEntry[];
  description: string;
  metadata: Record<string, unknown>;
  aliases: string[];
  /** Runs recorded as producers (logged edges). */
  producerRunPks: number[];
  baseVersionId?: number | null;
  /** A collaborative draft whose entries are already stored and become this version. */
  draftId?: number;
  distributedId?: string | null;
}

export interface CommitResult {
  versionId: number;
  created: boolean;
  /** The version holds tables to index once the commit is durable (`afterCommit`). */
  holdsTables: boolean;
}

/**
 * Commits contents as the collection's next version, or — when a committed version already has
 * the same digest — reuses it (dedup): aliases move there and the producers are still recorded.
 * Call it inside `transaction(ctx, …)` (the caller's transaction is the commit's boundary), then
 * `afterCommit` once that resolved. It locks the collection row first (PostgreSQL): the dedup
 * check, the index counter and the alias moves are reads this commit then writes on, so two commits
 * to one collection take turns; commits to different collections do not wait for each other.
 */
export async function commitVersion(ctx: ServiceContext, req: CommitRequest): Promise<CommitResult> {
  await lockCollection(ctx, req.collection.id);
  const digest = await manifestDigest(req.entries);
  const now = ctx.now();
  const duplicate = await findCommittedVersionByDigest(ctx, req.collection.id, digest);

  let versionId: number;
  if (duplicate !== undefined) {
    versionId = duplicate;
    if (req.draftId !== undefined) await discardDraft(ctx, req.draftId, versionId);
  } else {
    // Re-read under the lock: the counter is the only source of version indexes.
    const nextVersionIndex = await readNextVersionIndex(ctx, req.collection.id);
    const totals = totalsOf(req.entries);
    const fields = {
      versionIndex: nextVersionIndex,
      digest,
      size: totals.size,
      fileCount: totals.fileCount,
      description: req.description,
      metadata: JSON.stringify(req.metadata),
      now,
    };
    if (req.draftId !== undefined) {
      versionId = req.draftId;
      await commitDraftVersion(ctx, versionId, fields);
    } else {
      versionId = await insertCommittedVersion(ctx, {
        ...fields,
        collectionId: req.collection.id,
        baseVersionId: req.baseVersionId ?? null,
        distributedId: req.distributedId ?? null,
      });
      await insertEntries(ctx, versionId, req.entries);
    }
    await recordCommitInCollection(ctx, { collectionId: req.collection.id, nextVersionIndex: nextVersionIndex + 1, size: totals.size, now });
  }
  await touchProject(ctx, req.collection.projectId);
  for (const alias of withLatest(req.aliases)) await moveAlias(ctx, req.collection.id, alias, versionId);
  await recordEdges(ctx, req.producerRunPks, versionId, "logged");
  return { versionId, created: duplicate === undefined, holdsTables: req.draftId !== undefined || holdsTables(req.entries.map((e) => e.path)) };
}

/** Manifests up to this many entries are digested on this thread (a few milliseconds). */
const DIGEST_INLINE = 5000;
/** Entries per insert statement run (SQLite) or per round of multi-row inserts (PostgreSQL) between turns of the event loop. */
const INSERT_CHUNK = 2000;

/**
 * The manifest digest, in a worker thread for a large manifest: sorting 200,000 paths and hashing
 * them holds a thread for hundreds of milliseconds. The paths and digests go there as JSON texts of
 * a few thousand pairs each, built a slice at a time.
 */
async function manifestDigest(entries: readonly ManifestEntry[]): Promise<string> {
  if (entries.length <= DIGEST_INLINE) return computeManifestDigest(entries);
  const pace = createPacer();
  const parts: string[] = [];
  for (let start = 0; start < entries.length; start += DIGEST_INLINE) {
    parts.push(JSON.stringify(entries.slice(start, start + DIGEST_INLINE).map((e) => [e.path, e.digest])));
    await pace();
  }
  return runTask("manifestDigest", { parts });
}

/**
 * Inserts a new version's entries a chunk at a time, letting the event loop turn between chunks.
 * Still one transaction (the caller's): a reader sees all of them once it commits, or none.
 */
export async function insertEntries(ctx: ServiceContext, versionId: number, entries: readonly ManifestEntry[]): Promise<void> {
  const pace = createPacer();
  for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
    await insertVersionEntries(ctx, versionId, entries.slice(start, start + INSERT_CHUNK));
    await pace();
  }
}

/**
 * What a commit starts once its transaction committed: table indexing in the background. Not inside
 * the transaction, which PostgreSQL may run again, and whose version a rollback would take away.
 */
export function afterCommit(ctx: ServiceContext, result: CommitResult): void {
  if (result.holdsTables) setImmediate(() => indexTablesInBackground(ctx, result.versionId));
}

export async function recordEdges(ctx: ServiceContext, runPks: number[], versionId: number, kind: "logged" | "used"): Promise<void> {
  const now = ctx.now();
  for (const runId of new Set(runPks)) {
    await insertRunEdge(ctx, { runId, versionId, kind, now });
  }
}

/** A finished draft whose contents already exist: its producers move to the existing version, the draft goes. */
async function discardDraft(ctx: ServiceContext, draftId: number, intoVersionId: number): Promise<void> {
  await recordEdges(ctx, await listProducerRunPks(ctx, draftId), intoVersionId, "logged");
  await deleteVersionRunEdges(ctx, draftId);
  // A batch at a time: a 200,000-entry draft in one statement held the event loop for a few hundred ms (SQLite).
  const pace = createPacer();
  while ((await deleteVersionEntriesBatch(ctx, draftId, INSERT_CHUNK)) === INSERT_CHUNK) await pace();
  await deletePendingVersion(ctx, draftId);
}
