import { asc, and, eq } from "drizzle-orm";
import { collections } from "@/db/schema";
import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import type { CleanupInput, Namespace } from "../schemas";
import { getCollection } from "./collections";

/**
 * The one definition of what a cleanup selects, shared by the per-collection API call, the
 * project-wide preview, its paged list and the batched apply:
 * - committed versions without an alias, except the `keepNewest` newest of those (per collection),
 *   created before the `olderThanDays` cut-off;
 * - with `includeDrafts`, pending drafts created before the cut-off.
 */
export type CleanupCriteria = Pick<CleanupInput, "keepNewest" | "olderThanDays" | "includeDrafts">;

/** A whole project, one collection, or every collection of one type. */
export interface CleanupScope {
  collection?: string;
  type?: string;
}

export interface ScopedCollection {
  id: number;
  name: string;
  type: string;
}

/** Where a collection's selection starts: committed versions with an index below `belowIndex`. */
export interface CollectionCut extends ScopedCollection {
  belowIndex: number;
  cutoff: number;
}

export type Phase = "committed" | "drafts";

const DAY_MS = 86_400_000;
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

export const UNALIASED = "not exists (select 1 from aliases a where a.version_id = v.id)";

/** SQL conditions on `v` (a versions row) for one phase of one collection; parameters @cid, @below, @cutoff. */
export const PICK: Record<Phase, string> = {
  committed: `v.collection_id = @cid and v.state = 'COMMITTED' and v.version_index < @below and v.created_at < @cutoff and ${UNALIASED}`,
  drafts: `v.collection_id = @cid and v.state = 'PENDING' and v.created_at < @cutoff`,
};

/** The phase's order (and keyset column): committed by index, drafts by id, newest first. */
export const PHASE_KEY: Record<Phase, string> = { committed: "v.version_index", drafts: "v.id" };

export function phasesOf(criteria: CleanupCriteria): Phase[] {
  return criteria.includeDrafts ? ["committed", "drafts"] : ["committed"];
}

export function collectionsInScope(ctx: ServiceContext, ns: Namespace, scope: CleanupScope): ScopedCollection[] {
  if (scope.collection) {
    const c = getCollection(ctx, ns, scope.collection);
    return [{ id: c.id, name: c.name, type: c.type }];
  }
  const project = getProject(ctx, ns);
  const where = scope.type ? and(eq(collections.projectId, project.id), eq(collections.type, scope.type)) : eq(collections.projectId, project.id);
  return ctx.db.select({ id: collections.id, name: collections.name, type: collections.type }).from(collections).where(where).orderBy(asc(collections.name)).all();
}

/**
 * "Keep the newest N" becomes an index bound: the N-th newest unaliased version's index. Its
 * OFFSET is N−1 on the (collection, state, index) index, and N is a person's "keep 5", not a page depth.
 */
export function cutOf(ctx: ServiceContext, c: ScopedCollection, criteria: CleanupCriteria): CollectionCut {
  const cutoff = criteria.olderThanDays === undefined ? UNBOUNDED : ctx.now() - criteria.olderThanDays * DAY_MS;
  if (criteria.keepNewest === 0) return { ...c, belowIndex: UNBOUNDED, cutoff };
  const kept = ctx.sqlite
    .prepare<{ cid: number; offset: number }, { versionIndex: number }>(
      `select v.version_index as versionIndex from versions v where v.collection_id = @cid and v.state = 'COMMITTED' and ${UNALIASED}
       order by v.version_index desc limit 1 offset @offset`,
    )
    .get({ cid: c.id, offset: criteria.keepNewest - 1 });
  return { ...c, belowIndex: kept ? kept.versionIndex : -1, cutoff };
}

export function cutsInScope(ctx: ServiceContext, ns: Namespace, scope: CleanupScope, criteria: CleanupCriteria): CollectionCut[] {
  return collectionsInScope(ctx, ns, scope).map((c) => cutOf(ctx, c, criteria));
}

const params = (cut: CollectionCut) => ({ cid: cut.id, below: cut.belowIndex, cutoff: cut.cutoff });

/** Ids of every selected version of one collection, committed (newest first) then drafts. */
export function selectedIds(ctx: ServiceContext, cut: CollectionCut, criteria: CleanupCriteria): number[] {
  return phasesOf(criteria).flatMap((phase) =>
    ctx.sqlite
      .prepare<ReturnType<typeof params>, { id: number }>(`select v.id from versions v where ${PICK[phase]} order by ${PHASE_KEY[phase]} desc`)
      .all(params(cut))
      .map((r) => r.id),
  );
}

export interface CollectionTally {
  versions: number;
  drafts: number;
  /** Sum of the selected versions' sizes: what they hold, before counting what other versions share. */
  logicalBytes: number;
}

export function tallyCollection(ctx: ServiceContext, cut: CollectionCut, criteria: CleanupCriteria): CollectionTally {
  const tally: CollectionTally = { versions: 0, drafts: 0, logicalBytes: 0 };
  for (const phase of phasesOf(criteria)) {
    const row = ctx.sqlite
      .prepare<ReturnType<typeof params>, { n: number; bytes: number }>(`select count(*) as n, coalesce(sum(v.size), 0) as bytes from versions v where ${PICK[phase]}`)
      .get(params(cut))!;
    if (phase === "committed") tally.versions = row.n;
    else tally.drafts = row.n;
    tally.logicalBytes += row.bytes;
  }
  return tally;
}

/** One page of one phase of one collection, newest first, after the keyset `after`. */
export function pagePhase(ctx: ServiceContext, cut: CollectionCut, phase: Phase, after: number | null, limit: number): { id: number; k: number }[] {
  const key = PHASE_KEY[phase];
  return ctx.sqlite
    .prepare<Record<string, unknown>, { id: number; k: number }>(
      `select v.id, ${key} as k from versions v where ${PICK[phase]} ${after === null ? "" : `and ${key} < @after`} order by ${key} desc limit @limit`,
    )
    .all({ ...params(cut), after, limit });
}
