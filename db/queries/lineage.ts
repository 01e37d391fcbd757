import type { DbHandle } from "../client";
import { idList, idParam, jsonArrayOf, perDialect } from "./id-list";

/**
 * The lineage reads: a version's runs and a run's versions, the explorer's neighbour pages, and node
 * details for whole answers (ids passed as one JSON array). Every neighbour query walks one index range
 * in edge-id order (run_edges_version_idx, run_edges_run_kind_idx, versions_base_idx), so the cost
 * follows what is shown, never the size of the graph; the edge id is the keyset cursor.
 */

export type RunEdgeKind = "logged" | "used";

/** Run pks of a version's `kind` edges, in edge order. */
export async function listRunIdsOfVersion({ sql }: DbHandle, versionId: number, kind: RunEdgeKind): Promise<number[]> {
  const rows = await sql.all<{ runId: number }>("select run_id as runId from run_edges where version_id = ? and kind = ? order by id", [versionId, kind]);
  return rows.map((r) => r.runId);
}

/** Version ids of a run's `kind` edges, in edge order. */
export async function listVersionIdsOfRun({ sql }: DbHandle, runPk: number, kind: RunEdgeKind): Promise<number[]> {
  const rows = await sql.all<{ versionId: number }>("select version_id as versionId from run_edges where run_id = ? and kind = ? order by id", [runPk, kind]);
  return rows.map((r) => r.versionId);
}

/** A neighbour's pk and its keyset cursor. */
export interface EdgeRow {
  cursor: number;
  pk: number;
}

/** Runs on a version's `kind` edges after edge `after`, at most `limit`. */
export function listVersionRunEdges({ sql }: DbHandle, versionId: number, args: { kind: RunEdgeKind; after: number; limit: number }): Promise<EdgeRow[]> {
  return sql.all<EdgeRow>("select id as cursor, run_id as pk from run_edges where version_id = ? and kind = ? and id > ? order by id limit ?", [
    versionId,
    args.kind,
    args.after,
    args.limit,
  ]);
}

export async function countVersionRunEdges({ sql }: DbHandle, versionId: number, args: { kind: RunEdgeKind; after: number }): Promise<number> {
  const row = await sql.get<{ n: number }>("select count(*) as n from run_edges where version_id = ? and kind = ? and id > ?", [versionId, args.kind, args.after]);
  return row?.n ?? 0;
}

/** Versions patched from `baseId` after id `after` (the version id is its own cursor), at most `limit`. */
export function listPatchedVersions({ sql }: DbHandle, baseId: number, args: { after: number; limit: number }): Promise<EdgeRow[]> {
  return sql.all<EdgeRow>("select id as cursor, id as pk from versions where base_version_id = ? and id > ? order by id limit ?", [baseId, args.after, args.limit]);
}

export async function countPatchedVersions({ sql }: DbHandle, baseId: number, after: number): Promise<number> {
  const row = await sql.get<{ n: number }>("select count(*) as n from versions where base_version_id = ? and id > ?", [baseId, after]);
  return row?.n ?? 0;
}

/** A version's neighbours in one direction: its runs (`g` 0) and its base or patched versions (`g` 1), in cursor order. */
export interface VersionGroupRow extends EdgeRow {
  g: 0 | 1;
}

// One statement per walked version instead of one per sibling group: each branch walks one index range
// (run_edges_version_idx; versions_pkey up, versions_base_idx down) and stops at its own limit.
const VERSION_GROUPS_SQL = {
  up: `select 0 as g, r.id as cursor, r.run_id as pk from (select id, run_id from run_edges where version_id = ? and kind = ? order by id limit ?) r
       union all
       select 1, 0, base_version_id from versions where id = ? and base_version_id is not null
       order by g, cursor`,
  down: `select 0 as g, r.id as cursor, r.run_id as pk from (select id, run_id from run_edges where version_id = ? and kind = ? order by id limit ?) r
         union all
         select 1, p.id, p.id from (select id from versions where base_version_id = ? order by id limit ?) p
         order by g, cursor`,
};

/**
 * The first `limit` runs on a version's `kind` edges (g 0), and up its base version (g 1, cursor 0) or
 * down the first `limit` versions patched from it (g 1, the version id its own cursor).
 */
export function listVersionGroupRows({ sql }: DbHandle, versionId: number, args: { dir: "up" | "down"; kind: RunEdgeKind; limit: number }): Promise<VersionGroupRow[]> {
  return args.dir === "up"
    ? sql.all<VersionGroupRow>(VERSION_GROUPS_SQL.up, [versionId, args.kind, args.limit, versionId])
    : sql.all<VersionGroupRow>(VERSION_GROUPS_SQL.down, [versionId, args.kind, args.limit, versionId, args.limit]);
}

/** One shown member of a run's versions grouped by collection, with its group's figures and the scan's. */
export interface RunGroupRow extends EdgeRow {
  cid: number;
  /** The collection's name (PostgreSQL reads it here; null on SQLite, where one later lookup for all clusters costs less). */
  collection: string | null;
  /** Members of this collection among the scanned edges. */
  total: number;
  /** Edges scanned (at most the scan limit), the last one's id, and the edges after it (counted only when the scan was full). */
  scanned: number;
  lastCursor: number;
  rest: number;
}

// PostgreSQL groups in the database: of the scanned edges only the first `perGroup` of each collection
// cross the wire (a run with 2,000 checkpoints sends 26 rows, not 2,000), groups in order of first
// appearance, and the edges after a full scan are counted in the same statement. Each edge's collection
// (and each shown one's name) is a subquery, i.e. one primary-key probe: as a join, a plan made for
// 2,000 edges hashes all of `versions` instead (10x slower). Internal names are lower case (PostgreSQL
// folds them); only the outer aliases are camelCase.
const RUN_GROUPS_SQL = `with e as (select id, version_id from run_edges where run_id = ? and kind = ? order by id limit ?),
  s as (select count(*) as scanned, max(id) as last_id from e),
  t as (select scanned, last_id,
               case when scanned = ? then (select count(*) from run_edges x where x.run_id = ? and x.kind = ? and x.id > s.last_id) else 0 end as rest
        from s),
  ec as (select e.id, e.version_id, (select v.collection_id from versions v where v.id = e.version_id) as cid from e),
  g as (select id, version_id, cid, row_number() over w as rn, count(*) over w as total, min(id) over w as first_id
        from ec window w as (partition by cid order by id rows between unbounded preceding and unbounded following))
select g.id as cursor, g.version_id as pk, g.cid, (select c.name from collections c where c.id = g.cid) as collection, g.total, t.scanned,
       t.last_id as lastCursor, t.rest
from g cross join t
where g.rn <= ?
order by g.first_id, g.id`;

// SQLite has no wire to spare: reading the scanned edges costs less than its window sort, so it groups them here
// (and leaves the names to the one lookup for all clusters).
const RUN_SCAN_SQL = `select e.id as cursor, e.version_id as pk, v.collection_id as cid
   from (select id, version_id from run_edges where run_id = ? and kind = ? order by id limit ?) e
   join versions v on v.id = e.version_id order by e.id`;

/**
 * A run's first `scan` `kind` edges grouped by their version's collection: each group's size and first
 * `perGroup` members (cursor order), groups in order of first appearance; when the scan was full, how
 * many edges follow it. No rows when the run has no such edge. The same rows on both databases.
 */
export async function listRunGroupRows({ sql }: DbHandle, runPk: number, args: { kind: RunEdgeKind; scan: number; perGroup: number }): Promise<RunGroupRow[]> {
  if (sql.dialect === "postgres") return sql.all<RunGroupRow>(RUN_GROUPS_SQL, [runPk, args.kind, args.scan, args.scan, runPk, args.kind, args.perGroup]);
  const edges = await sql.all<EdgeRow & { cid: number }>(RUN_SCAN_SQL, [runPk, args.kind, args.scan]);
  const last = edges.at(-1);
  if (!last) return [];
  const rest = edges.length === args.scan ? await countRunEdges({ sql }, runPk, { kind: args.kind, after: last.cursor }) : 0;
  const groups = new Map<number, EdgeRow[]>();
  for (const e of edges) {
    const members = groups.get(e.cid) ?? [];
    if (members.length === 0) groups.set(e.cid, members);
    members.push(e);
  }
  // Fields copied one by one: spreading the driver's row objects costs more than the query.
  return [...groups].flatMap(([cid, members]) =>
    members.slice(0, args.perGroup).map((m) => ({ cursor: m.cursor, pk: m.pk, cid, collection: null, total: members.length, scanned: edges.length, lastCursor: last.cursor, rest })),
  );
}

/** A run's `kind` edges after edge `after`, at most `limit`; only versions of collection `collectionId` when given. */
export function listRunEdges({ sql }: DbHandle, runPk: number, args: { kind: RunEdgeKind; after: number; limit: number; collectionId?: number }): Promise<EdgeRow[]> {
  if (args.collectionId === undefined) {
    return sql.all<EdgeRow>("select id as cursor, version_id as pk from run_edges where run_id = ? and kind = ? and id > ? order by id limit ?", [
      runPk,
      args.kind,
      args.after,
      args.limit,
    ]);
  }
  return sql.all<EdgeRow>(
    `select e.id as cursor, e.version_id as pk from run_edges e join versions v on v.id = e.version_id
       where e.run_id = ? and e.kind = ? and e.id > ? and v.collection_id = ? order by e.id limit ?`,
    [runPk, args.kind, args.after, args.collectionId, args.limit],
  );
}

export async function countRunEdges({ sql }: DbHandle, runPk: number, args: { kind: RunEdgeKind; after: number; collectionId?: number }): Promise<number> {
  const row =
    args.collectionId === undefined
      ? await sql.get<{ n: number }>("select count(*) as n from run_edges where run_id = ? and kind = ? and id > ?", [runPk, args.kind, args.after])
      : await sql.get<{ n: number }>(
          `select count(*) as n from run_edges e join versions v on v.id = e.version_id
       where e.run_id = ? and e.kind = ? and e.id > ? and v.collection_id = ?`,
          [runPk, args.kind, args.after, args.collectionId],
        );
  return row?.n ?? 0;
}

export interface VersionNodeRow {
  id: number;
  versionIndex: number | null;
  state: "COMMITTED" | "PENDING" | "DELETED";
  name: string;
  type: string;
  entity: string;
  project: string;
  /** JSON array of the aliases, oldest first. */
  aliases: string;
  /** 1 when the version has a neighbour upstream (a logging run, a base) / downstream (a using run, a patched version). */
  hasUp: 0 | 1;
  hasDown: 0 | 1;
}

const VERSION_NODES_SQL = perDialect(
  (d) => `select v.id, v.version_index as versionIndex, v.state, c.name, c.type, p.entity, p.name as project,
              ${jsonArrayOf(d, { value: "a.alias", from: "aliases a where a.version_id = v.id", order: "a.id" })} as aliases,
              case when v.base_version_id is not null or exists (select 1 from run_edges e where e.version_id = v.id and e.kind = 'logged') then 1 else 0 end as hasUp,
              case when exists (select 1 from run_edges e where e.version_id = v.id and e.kind = 'used') or exists (select 1 from versions d where d.base_version_id = v.id) then 1 else 0 end as hasDown
       from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
       where v.id in (${idList(d)})`,
);

/** Node details of these versions, with whether each has neighbours either way (the graph's expand buttons). */
export function listVersionNodeRows({ sql }: DbHandle, ids: number[]): Promise<VersionNodeRow[]> {
  return sql.all<VersionNodeRow>(VERSION_NODES_SQL[sql.dialect], [idParam(ids)]);
}

export interface RunNodeRow {
  pk: number;
  projectId: number;
  runId: string;
  name: string;
  jobType: string | null;
  grp: string | null;
  state: string;
  entity: string;
  project: string;
  /** 1 when the run used a version (upstream) / logged one (downstream). */
  hasUp: 0 | 1;
  hasDown: 0 | 1;
}

const RUN_NODES_SQL = perDialect(
  (d) => `select r.id as pk, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as grp, r.state,
              p.entity, p.name as project,
              case when exists (select 1 from run_edges e where e.run_id = r.id and e.kind = 'used') then 1 else 0 end as hasUp,
              case when exists (select 1 from run_edges e where e.run_id = r.id and e.kind = 'logged') then 1 else 0 end as hasDown
       from runs r join projects p on p.id = r.project_id where r.id in (${idList(d)})`,
);

/** Node details of these runs, with whether each has neighbours either way. */
export function listRunNodeRows({ sql }: DbHandle, pks: number[]): Promise<RunNodeRow[]> {
  return sql.all<RunNodeRow>(RUN_NODES_SQL[sql.dialect], [idParam(pks)]);
}

const COLLECTION_NAMES_SQL = perDialect((d) => `select id, name from collections where id in (${idList(d)})`);

export function listCollectionNames({ sql }: DbHandle, ids: number[]): Promise<{ id: number; name: string }[]> {
  return sql.all<{ id: number; name: string }>(COLLECTION_NAMES_SQL[sql.dialect], [idParam(ids)]);
}

export async function runExists({ sql }: DbHandle, pk: number): Promise<boolean> {
  return (await sql.get("select 1 as found from runs where id = ?", [pk])) !== undefined;
}

/** A run's pk by its project's entity and name and its run id. */
export async function findRunPkInNamespace({ sql }: DbHandle, args: { entity: string; project: string; runId: string }): Promise<number | undefined> {
  const row = await sql.get<{ id: number }>("select r.id from runs r join projects p on p.id = r.project_id where p.entity = ? and p.name = ? and r.run_id = ?", [
    args.entity,
    args.project,
    args.runId,
  ]);
  return row?.id;
}

export async function findRunPk({ sql }: DbHandle, projectId: number, runId: string): Promise<number | undefined> {
  return (await sql.get<{ id: number }>("select id from runs where project_id = ? and run_id = ?", [projectId, runId]))?.id;
}
