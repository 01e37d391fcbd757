import { deleteVersionEntries, insertVersionEntries } from "@/db/queries/entries";
import { deleteVersionRunEdges, insertRunEdge, listProducerRunPks } from "@/db/queries/runs";
import {
  commitDraftVersion,
  deletePendingVersion,
  findCommittedVersionByDigest,
  insertCommittedVersion,
  readNextVersionIndex,
  recordCommitInCollection,
} from "@/db/queries/versions";
import { computeManifestDigest } from "@/lib/digest";
import type { ServiceContext } from "../../context";
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
}

/**
 * Commits contents as the collection's next version, or — when a committed version already has
 * the same digest — reuses it (dedup): aliases move there and the producers are still recorded.
 * Synchronous: call it inside `inTransaction` (the caller's transaction is the commit's boundary).
 */
export function commitVersion(ctx: ServiceContext, req: CommitRequest): CommitResult {
  const digest = computeManifestDigest(req.entries);
  const now = ctx.now();
  const duplicate = findCommittedVersionByDigest(ctx, req.collection.id, digest);

  let versionId: number;
  if (duplicate !== undefined) {
    versionId = duplicate;
    if (req.draftId !== undefined) discardDraft(ctx, req.draftId, versionId);
  } else {
    // Re-read inside the transaction: the counter is the only source of version indexes.
    const nextVersionIndex = readNextVersionIndex(ctx, req.collection.id);
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
      commitDraftVersion(ctx, versionId, fields);
    } else {
      versionId = insertCommittedVersion(ctx, {
        ...fields,
        collectionId: req.collection.id,
        baseVersionId: req.baseVersionId ?? null,
        distributedId: req.distributedId ?? null,
      });
      insertVersionEntries(ctx, versionId, req.entries);
    }
    recordCommitInCollection(ctx, { collectionId: req.collection.id, nextVersionIndex: nextVersionIndex + 1, size: totals.size, now });
  }
  touchProject(ctx, req.collection.projectId);
  for (const alias of withLatest(req.aliases)) moveAlias(ctx, req.collection.id, alias, versionId);
  recordEdges(ctx, req.producerRunPks, versionId, "logged");
  if (req.draftId !== undefined || holdsTables(req.entries.map((e) => e.path))) {
    // After the caller's transaction: the queue reads the committed version (a rolled-back one is skipped).
    setImmediate(() => indexTablesInBackground(ctx, versionId));
  }
  return { versionId, created: duplicate === undefined };
}

export function recordEdges(ctx: ServiceContext, runPks: number[], versionId: number, kind: "logged" | "used"): void {
  const now = ctx.now();
  for (const runId of new Set(runPks)) {
    insertRunEdge(ctx, { runId, versionId, kind, now });
  }
}

/** A finished draft whose contents already exist: its producers move to the existing version, the draft goes. */
function discardDraft(ctx: ServiceContext, draftId: number, intoVersionId: number): void {
  recordEdges(ctx, listProducerRunPks(ctx, draftId), intoVersionId, "logged");
  deleteVersionRunEdges(ctx, draftId);
  deleteVersionEntries(ctx, draftId);
  deletePendingVersion(ctx, draftId);
}
