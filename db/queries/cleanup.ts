import type { DbHandle } from "../client";
import type { VersionRow } from "./versions";
import { idList, idParam, perDialect } from "./id-list";

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

/** SQL conditions on `v` (a versions row) for one phase of one collection; parameters: `bounds(cut, phase)`. */
const PICK: Record<CleanupPhase, string> = {
  committed: `v.collection_id = ? and v.state = 'COMMITTED' and v.version_index < ? and v.created_at < ? and ${UNALIASED}`,
  drafts: `v.collection_id = ? and v.state = 'PENDING' and v.created_at < ?`,
};

const bounds = (cut: CleanupBounds, phase: CleanupPhase): number[] => (phase === "committed" ? [cut.id, cut.belowIndex, cut.cutoff] : [cut.id, cut.cutoff]);

/** The phase's order (and keyset column): committed by index, drafts by id, newest first. */
const PHASE_KEY: Record<CleanupPhase, string> = { committed: "v.version_index", drafts: "v.id" };

/**
 * The index of the `keepNewest`-th newest unaliased committed version (undefined when there are fewer).
 * Its OFFSET is N−1 on the (collection, state, index) index, and N is a person's "keep 5", not a page depth.
 */
export async function findKeepBoundIndex({ sql }: DbHandle, collectionId: number, keepNewest: number): Promise<number | undefined> {
  const row = await sql.get<{ versionIndex: number }>(
    `select v.version_index as versionIndex from versions v where v.collection_id = ? and v.state = 'COMMITTED' and ${UNALIASED}
       order by v.version_index desc limit 1 offset ?`,
    [collectionId, keepNewest - 1],
  );
  return row?.versionIndex;
}

const IDS_SQL: Record<CleanupPhase, string> = {
  committed: `select v.id from versions v where ${PICK.committed} order by ${PHASE_KEY.committed} desc`,
  drafts: `select v.id from versions v where ${PICK.drafts} order by ${PHASE_KEY.drafts} desc`,
};

/** Ids of every selected version of one phase, newest first. */
export async function listCleanupIds({ sql }: DbHandle, cut: CleanupBounds, phase: CleanupPhase): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(IDS_SQL[phase], bounds(cut, phase));
  return rows.map((r) => r.id);
}

const TALLY_SQL: Record<CleanupPhase, string> = {
  committed: `select count(*) as n, coalesce(sum(v.size), 0) as bytes from versions v where ${PICK.committed}`,
  drafts: `select count(*) as n, coalesce(sum(v.size), 0) as bytes from versions v where ${PICK.drafts}`,
};

/** How many versions one phase selects and the sum of their sizes. */
export async function tallyCleanupPhase({ sql }: DbHandle, cut: CleanupBounds, phase: CleanupPhase): Promise<{ n: number; bytes: number }> {
  return (await sql.get<{ n: number; bytes: number }>(TALLY_SQL[phase], bounds(cut, phase))) ?? { n: 0, bytes: 0 };
}

/** One page of one phase, newest first, after the keyset `after` (`k` is the row's key). */
export function pageCleanupPhase({ sql }: DbHandle, cut: CleanupBounds, args: { phase: CleanupPhase; after: number | null; limit: number }): Promise<{ id: number; k: number }[]> {
  const key = PHASE_KEY[args.phase];
  const params = [...bounds(cut, args.phase), ...(args.after === null ? [] : [args.after]), args.limit];
  return sql.all<{ id: number; k: number }>(
    `select v.id, ${key} as k from versions v where ${PICK[args.phase]} ${args.after === null ? "" : `and ${key} < ?`} order by ${key} desc limit ?`,
    params,
  );
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

// Only list columns: a version's metadata can be a megabyte, and a page of 50 would carry them all.
const CANDIDATES_SQL = perDialect(
  (d) => `select v.id, c.name, c.type, v.version_index as versionIndex, v.state, v.size, v.file_count as fileCount, v.created_at as createdAt
       from versions v join collections c on c.id = v.collection_id where v.id in (${idList(d)})`,
);

/** The list columns of these versions with their collection's name and type, in no particular order. */
export function listCleanupCandidateRows({ sql }: DbHandle, ids: number[]): Promise<CleanupCandidateRow[]> {
  return sql.all<CleanupCandidateRow>(CANDIDATES_SQL[sql.dialect], [idParam(ids)]);
}

/** A versions row, all columns. */
export type CleanupVersionRow = VersionRow;

// Locks the batch's collections before its versions: the order of the write path, which locks a collection
// row before it moves an alias onto or records a use of one of its versions (PostgreSQL; SQLite drops the clause).
/** Locks one collection row until the transaction ends (PostgreSQL; SQLite drops the clause, its writers are serial). */
export async function lockCleanupCollection({ sql }: DbHandle, collectionId: number): Promise<void> {
  await sql.get("select id from collections where id = ? for update", [collectionId]);
}

const LOCK_COLLECTIONS_SQL = perDialect(
  (d) => `select c.id from collections c where c.id in (select v.collection_id from versions v where v.id in (${idList(d)})) order by c.id for update`,
);

const BATCH_SQL = perDialect(
  (d) => `select v.id, v.collection_id as collectionId, v.version_index as versionIndex, v.state, v.digest, v.size, v.file_count as fileCount,
              v.description, v.metadata, v.distributed_id as distributedId, v.base_version_id as baseVersionId, v.revision,
              v.created_at as createdAt, v.updated_at as updatedAt, v.committed_at as committedAt, v.deleted_at as deletedAt,
              exists (select 1 from aliases a where a.version_id = v.id) as aliased,
              exists (select 1 from run_edges e where e.version_id = v.id and e.kind = 'used' and e.created_at >= ?) as usedSince
       from versions v where v.id in (${idList(d)}) order by v.id for update`,
);

/**
 * A batch's version rows, whether each has an alias and whether a run used it at or after `since`
 * (epoch ms), in one statement (per-row lookups cost more than the deletes). Call it inside the batch's
 * transaction: on PostgreSQL it first locks the batch's collections, then its version rows, so an alias
 * move or a use committed meanwhile is seen here and none can slip in before the batch commits.
 */
export async function lockCleanupBatchRows({ sql }: DbHandle, ids: number[], since: number): Promise<(CleanupVersionRow & { aliased: number; usedSince: number })[]> {
  await sql.all(LOCK_COLLECTIONS_SQL[sql.dialect], [idParam(ids)]);
  return sql.all<CleanupVersionRow & { aliased: number; usedSince: number }>(BATCH_SQL[sql.dialect], [since, idParam(ids)]);
}

const EXCLUSIVE_SQL = perDialect(
  (d) => `with picked(id) as (${idList(d)}),
            picked_blobs as (select distinct e.blob_sha256 as sha from entries e where e.version_id in (select id from picked) and e.blob_sha256 is not null)
       select coalesce(sum(b.size), 0) as bytes from blobs b join picked_blobs p on p.sha = b.sha256
       where not exists (
         select 1 from entries e join versions v on v.id = e.version_id
         where e.blob_sha256 = b.sha256 and v.state != 'DELETED' and v.id not in (select id from picked))`,
);

/** Sum of the distinct blobs referenced by `ids` and by no other live version, in any collection. */
export async function sumExclusiveBlobBytes({ sql }: DbHandle, ids: number[]): Promise<number> {
  const row = await sql.get<{ bytes: number }>(EXCLUSIVE_SQL[sql.dialect], [idParam(ids)]);
  return row?.bytes ?? 0;
}

