import { findKeepBoundIndex, listCleanupIds, pageCleanupPhase, tallyCleanupPhase, type CleanupPhase } from "@/db/queries/cleanup";
import { listCollectionsOfType } from "@/db/queries/collections";
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

export type Phase = CleanupPhase;

const DAY_MS = 86_400_000;
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

export function phasesOf(criteria: CleanupCriteria): Phase[] {
  return criteria.includeDrafts ? ["committed", "drafts"] : ["committed"];
}

export function collectionsInScope(ctx: ServiceContext, ns: Namespace, scope: CleanupScope): ScopedCollection[] {
  if (scope.collection) {
    const c = getCollection(ctx, ns, scope.collection);
    return [{ id: c.id, name: c.name, type: c.type }];
  }
  const project = getProject(ctx, ns);
  return listCollectionsOfType(ctx, project.id, scope.type);
}

/**
 * "Keep the newest N" becomes an index bound: the N-th newest unaliased version's index. Its
 * OFFSET is N−1 on the (collection, state, index) index, and N is a person's "keep 5", not a page depth.
 */
export function cutOf(ctx: ServiceContext, c: ScopedCollection, criteria: CleanupCriteria): CollectionCut {
  const cutoff = criteria.olderThanDays === undefined ? UNBOUNDED : ctx.now() - criteria.olderThanDays * DAY_MS;
  if (criteria.keepNewest === 0) return { ...c, belowIndex: UNBOUNDED, cutoff };
  const kept = findKeepBoundIndex(ctx, c.id, criteria.keepNewest);
  return { ...c, belowIndex: kept ?? -1, cutoff };
}

export function cutsInScope(ctx: ServiceContext, ns: Namespace, scope: CleanupScope, criteria: CleanupCriteria): CollectionCut[] {
  return collectionsInScope(ctx, ns, scope).map((c) => cutOf(ctx, c, criteria));
}

/** Ids of every selected version of one collection, committed (newest first) then drafts. */
export function selectedIds(ctx: ServiceContext, cut: CollectionCut, criteria: CleanupCriteria): number[] {
  return phasesOf(criteria).flatMap((phase) => listCleanupIds(ctx, cut, phase));
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
    const row = tallyCleanupPhase(ctx, cut, phase);
    if (phase === "committed") tally.versions = row.n;
    else tally.drafts = row.n;
    tally.logicalBytes += row.bytes;
  }
  return tally;
}

/** One page of one phase of one collection, newest first, after the keyset `after`. */
export function pagePhase(ctx: ServiceContext, cut: CollectionCut, phase: Phase, after: number | null, limit: number): { id: number; k: number }[] {
  return pageCleanupPhase(ctx, cut, { phase, after, limit });
}
