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

export async function collectionsInScope(ctx: ServiceContext, ns: Namespace, scope: CleanupScope): Promise<ScopedCollection[]> {
  if (scope.collection) {
    const c = await getCollection(ctx, ns, scope.collection);
    return [{ id: c.id, name: c.name, type: c.type }];
  }
  const project = await getProject(ctx, ns);
  return listCollectionsOfType(ctx, project.id, scope.type);
}

/**
 * "Keep the newest N" becomes an index bound: the N-th newest unaliased version's index. Its
 * OFFSET is N−1 on the (collection, state, index) index, and N is a person's "keep 5", not a page depth.
 */
export async function cutOf(ctx: ServiceContext, c: ScopedCollection, criteria: CleanupCriteria): Promise<CollectionCut> {
  const cutoff = criteria.olderThanDays === undefined ? UNBOUNDED : ctx.now() - criteria.olderThanDays * DAY_MS;
  if (criteria.keepNewest === 0) return { ...c, belowIndex: UNBOUNDED, cutoff };
  const kept = await findKeepBoundIndex(ctx, c.id, criteria.keepNewest);
  return { ...c, belowIndex: kept ?? -1, cutoff };
}

export async function cutsInScope(ctx: ServiceContext, ns: Namespace, scope: CleanupScope, criteria: CleanupCriteria): Promise<CollectionCut[]> {
  const cuts: CollectionCut[] = [];
  for (const c of await collectionsInScope(ctx, ns, scope)) cuts.push(await cutOf(ctx, c, criteria));
  return cuts;
}

/** Ids of every selected version of one collection, committed (newest first) then drafts. */
export async function selectedIds(ctx: ServiceContext, cut: CollectionCut, criteria: CleanupCriteria): Promise<number[]> {
  let ids: number[] = [];
  for (const phase of phasesOf(criteria)) ids = ids.concat(await listCleanupIds(ctx, cut, phase));
  return ids;
}

export interface CollectionTally {
  versions: number;
  drafts: number;
  /** Sum of the selected versions' sizes: what they hold, before counting what other versions share. */
  logicalBytes: number;
}

export async function tallyCollection(ctx: ServiceContext, cut: CollectionCut, criteria: CleanupCriteria): Promise<CollectionTally> {
  const tally: CollectionTally = { versions: 0, drafts: 0, logicalBytes: 0 };
  for (const phase of phasesOf(criteria)) {
    const row = await tallyCleanupPhase(ctx, cut, phase);
    if (phase === "committed") tally.versions = row.n;
    else tally.drafts = row.n;
    tally.logicalBytes += row.bytes;
  }
  return tally;
}

/** One page of one phase of one collection, newest first, after the keyset `after`. */
export function pagePhase(ctx: ServiceContext, cut: CollectionCut, phase: Phase, after: number | null, limit: number): Promise<{ id: number; k: number }[]> {
  return pageCleanupPhase(ctx, cut, { phase, after, limit });
}
