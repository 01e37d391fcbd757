import { and, eq, sql } from "drizzle-orm";
import { collections, runEdges, versions } from "@/db/schema";
import { computeManifestDigest } from "@/lib/digest";
import type { ServiceContext } from "../../context";
import { touchProject } from "../projects/projects";
import { holdsTables, indexTablesInBackground } from "../tables/warm";
import type { CollectionRow } from "./collections";
import { moveAlias, withLatest } from "./aliases";
import { insertEntries, totalsOf, type ManifestEntry } from "./entries";

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
 * Synchronous: call it inside `ctx.db.transaction`.
 */
export function commitVersion(ctx: ServiceContext, req: CommitRequest): CommitResult {
  const digest = computeManifestDigest(req.entries);
  const now = ctx.now();
  const duplicate = ctx.db
    .select({ id: versions.id })
    .from(versions)
    .where(and(eq(versions.collectionId, req.collection.id), eq(versions.digest, digest), eq(versions.state, "COMMITTED")))
    .orderBy(sql`${versions.versionIndex} desc`)
    .get();

  let versionId: number;
  if (duplicate) {
    versionId = duplicate.id;
    if (req.draftId !== undefined) discardDraft(ctx, req.draftId, versionId);
  } else {
    // Re-read inside the transaction: the counter is the only source of version indexes.
    const { nextVersionIndex } = ctx.db
      .select({ nextVersionIndex: collections.nextVersionIndex })
      .from(collections)
      .where(eq(collections.id, req.collection.id))
      .get()!;
    const totals = totalsOf(req.entries);
    const fields = {
      versionIndex: nextVersionIndex,
      state: "COMMITTED" as const,
      digest,
      size: totals.size,
      fileCount: totals.fileCount,
      description: req.description,
      metadata: JSON.stringify(req.metadata),
      committedAt: now,
      updatedAt: now,
    };
    if (req.draftId !== undefined) {
      versionId = req.draftId;
      ctx.db.update(versions).set(fields).where(eq(versions.id, versionId)).run();
    } else {
      versionId = ctx.db
        .insert(versions)
        .values({
          ...fields,
          collectionId: req.collection.id,
          baseVersionId: req.baseVersionId ?? null,
          distributedId: req.distributedId ?? null,
          createdAt: now,
        })
        .returning({ id: versions.id })
        .get().id;
      insertEntries(ctx, versionId, req.entries);
    }
    ctx.db
      .update(collections)
      .set({
        nextVersionIndex: nextVersionIndex + 1,
        versionCount: sql`${collections.versionCount} + 1`,
        totalSize: sql`${collections.totalSize} + ${totals.size}`,
        updatedAt: now,
      })
      .where(eq(collections.id, req.collection.id))
      .run();
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
    ctx.db.insert(runEdges).values({ runId, versionId, kind, createdAt: now }).onConflictDoNothing().run();
  }
}

/** A finished draft whose contents already exist: its producers move to the existing version, the draft goes. */
function discardDraft(ctx: ServiceContext, draftId: number, intoVersionId: number): void {
  const producers = ctx.db
    .select({ runId: runEdges.runId })
    .from(runEdges)
    .where(and(eq(runEdges.versionId, draftId), eq(runEdges.kind, "logged")))
    .all();
  recordEdges(ctx, producers.map((p) => p.runId), intoVersionId, "logged");
  ctx.sqlite.prepare("delete from run_edges where version_id = ?").run(draftId);
  ctx.sqlite.prepare("delete from entries where version_id = ?").run(draftId);
  ctx.sqlite.prepare("delete from versions where id = ? and state = 'PENDING'").run(draftId);
}
