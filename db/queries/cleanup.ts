import type { LegacyDbHandle } from "../client";
import type { versions } from "../schema";
import { prepared } from "../statements";

/**
 * The statements behind cleanups (server/services/artifacts/cleanup*.ts). Which versions a cleanup selects
 * is one SQL condition per phase (committed, drafts) of one collection, bounded by the collection's cut.
 */

export type CleanupPhase = "committed" | "drafts";

/** One collection's bounds: committed versions with an index below `belowIndex`, anything created before `cutoff` (epoch ms). */
export interface CleanupBounds {
  id: number;
  belowIndex: number;
  cutoff: number;
}

const UNALIASED = "not exists (select 1 from aliases a where a.version_id = v.id)";

/** SQL conditions on `v` (a versions row) for one phase of one collection; parameters @cid, @below, @cutoff. */
const PICK: Record<CleanupPhase, string> = {
  committed: `v.collection_id = @cid and v.state = 'COMMITTED' and v.version_index < @below and v.created_at < @cutoff and ${UNALIASED}`,
  drafts: `v.collection_id = @cid and v.state = 'PENDING' and v.created_at < @cutoff`,
};

/** The phase's order (and keyset column): committed by index, drafts by id, newest first. */
const PHASE_KEY: Record<CleanupPhase, string> = { committed: "v.version_index", drafts: "v.id" };

const params = (cut: CleanupBounds) => ({ cid: cut.id, below: cut.belowIndex, cutoff: cut.cutoff });

/**
 * The index of the `keepNewest`-th newest unaliased committed version (undefined when there are fewer).
 * Its OFFSET is N−1 on the (collection, state, index) index, and N is a person's "keep 5", not a page depth.
 */
export function findKeepBoundIndex({ sqlite }: LegacyDbHandle, collectionId: number, keepNewest: number): number | undefined {
  return prepared<{ cid: number; offset: number }, { versionIndex: number }>(
    sqlite,
    `select v.version_index as versionIndex from versions v where v.collection_id = @cid and v.state = 'COMMITTED' and ${UNALIASED}
       order by v.version_index desc limit 1 offset @offset`,
  ).get({ cid: collectionId, offset: keepNewest - 1 })?.versionIndex;
}

/** Ids of every selected version of one phase, newest first. */
export function listCleanupIds({ sqlite }: LegacyDbHandle, cut: CleanupBounds, phase: CleanupPhase): number[] {
  return prepared<ReturnType<typeof params>, { id: number }>(sqlite, `select v.id from versions v where ${PICK[phase]} order by ${PHASE_KEY[phase]} desc`)
    .all(params(cut))
    .map((r) => r.id);
}

/** How many versions one phase selects and the sum of their sizes. */
export function tallyCleanupPhase({ sqlite }: LegacyDbHandle, cut: CleanupBounds, phase: CleanupPhase): { n: number; bytes: number } {
  return prepared<ReturnType<typeof params>, { n: number; bytes: number }>(
    sqlite,
    `select count(*) as n, coalesce(sum(v.size), 0) as bytes from versions v where ${PICK[phase]}`,
  ).get(params(cut))!;
}

/** One page of one phase, newest first, after the keyset `after` (`k` is the row's key). */
export function pageCleanupPhase({ sqlite }: LegacyDbHandle, cut: CleanupBounds, args: { phase: CleanupPhase; after: number | null; limit: number }): { id: number; k: number }[] {
  const key = PHASE_KEY[args.phase];
  return prepared<Record<string, unknown>, { id: number; k: number }>(
    sqlite,
    `select v.id, ${key} as k from versions v where ${PICK[args.phase]} ${args.after === null ? "" : `and ${key} < @after`} order by ${key} desc limit @limit`,
  ).all({ ...params(cut), after: args.after, limit: args.limit });
}

export interface CleanupCandidateRow {
  id: number;
  name: string;
  type: string;
  versionIndex: number | null;
  state: "COMMITTED" | "PENDING";
  size: number;
  fileCount: number;
  createdAt: number;
}

/** The list columns of these versions with their collection's name and type, in no particular order. */
export function listCleanupCandidateRows({ sqlite }: LegacyDbHandle, ids: number[]): CleanupCandidateRow[] {
  // Only list columns: a version's metadata can be a megabyte, and a page of 50 would carry them all.
  return prepared<[string], CleanupCandidateRow>(
    sqlite,
    `select v.id, c.name, c.type, v.version_index as versionIndex, v.state, v.size, v.file_count as fileCount, v.created_at as createdAt
       from versions v join collections c on c.id = v.collection_id where v.id in (select value from json_each(?))`,
  ).all(JSON.stringify(ids));
}

export type CleanupVersionRow = typeof versions.$inferSelect;

/** A batch's version rows and whether each has an alias, in one statement (per-row lookups cost more than the deletes). */
export function listCleanupBatchRows({ sqlite }: LegacyDbHandle, ids: number[]): (CleanupVersionRow & { aliased: number })[] {
  return prepared<[string], CleanupVersionRow & { aliased: number }>(
    sqlite,
    `select v.id, v.collection_id as collectionId, v.version_index as versionIndex, v.state, v.digest, v.size, v.file_count as fileCount,
              v.description, v.metadata, v.distributed_id as distributedId, v.base_version_id as baseVersionId, v.revision,
              v.created_at as createdAt, v.updated_at as updatedAt, v.committed_at as committedAt, v.deleted_at as deletedAt,
              exists (select 1 from aliases a where a.version_id = v.id) as aliased
       from versions v where v.id in (select value from json_each(?))`,
  ).all(JSON.stringify(ids));
}

/** Sum of the distinct blobs referenced by `ids` and by no other live version, in any collection. */
export function sumExclusiveBlobBytes({ sqlite }: LegacyDbHandle, ids: number[]): number {
  const row = prepared<[string, string], { bytes: number }>(
    sqlite,
    `with picked(id) as (select value from json_each(?)),
            picked_blobs as (select distinct e.blob_sha256 as sha from entries e where e.version_id in (select id from picked) and e.blob_sha256 is not null)
       select coalesce(sum(b.size), 0) as bytes from blobs b join picked_blobs p on p.sha = b.sha256
       where not exists (
         select 1 from entries e join versions v on v.id = e.version_id
         where e.blob_sha256 = b.sha256 and v.state != 'DELETED' and v.id not in (select value from json_each(?)))`,
  ).get(JSON.stringify(ids), JSON.stringify(ids));
  return row?.bytes ?? 0;
}
