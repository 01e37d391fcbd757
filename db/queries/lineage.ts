import type { DbHandle } from "../client";
import { idList, idParam, idTable, jsonArrayOf, perDialect } from "./id-list";

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

/** The version a version was patched from, if any. */
export async function findBaseVersionId({ sql }: DbHandle, versionId: number): Promise<number | undefined> {
  const row = await sql.get<{ pk: number }>("select base_version_id as pk from versions where id = ? and base_version_id is not null", [versionId]);
  return row?.pk;
}

/** Versions patched from `baseId` after id `after` (the version id is its own cursor), at most `limit`. */
export function listPatchedVersions({ sql }: DbHandle, baseId: number, args: { after: number; limit: number }): Promise<EdgeRow[]> {
  return sql.all<EdgeRow>("select id as cursor, id as pk from versions where base_version_id = ? and id > ? order by id limit ?", [baseId, args.after, args.limit]);
}

export async function countPatchedVersions({ sql }: DbHandle, baseId: number, after: number): Promise<number> {
  const row = await sql.get<{ n: number }>("select count(*) as n from versions where base_version_id = ? and id > ?", [baseId, after]);
  return row?.n ?? 0;
}

/** A run's first `limit` `kind` edges with each version's collection (cid), for grouping by collection. */
export function scanRunEdges({ sql }: DbHandle, runPk: number, args: { kind: RunEdgeKind; limit: number }): Promise<(EdgeRow & { cid: number })[]> {
  return sql.all<EdgeRow & { cid: number }>(
    `select e.id as cursor, e.version_id as pk, v.collection_id as cid
       from (select id, version_id from run_edges where run_id = ? and kind = ? order by id limit ?) e
       join versions v on v.id = e.version_id order by e.id`,
    [runPk, args.kind, args.limit],
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

const WITH_NEIGHBOURS_SQL = {
  up: perDialect(
    (d) => `select j.value as id from ${idTable(d)} j
         where exists (select 1 from run_edges e where e.version_id = j.value and e.kind = ?) or exists (select 1 from versions b where b.id = j.value and b.base_version_id is not null)`,
  ),
  down: perDialect(
    (d) => `select j.value as id from ${idTable(d)} j
         where exists (select 1 from run_edges e where e.version_id = j.value and e.kind = ?) or exists (select 1 from versions d where d.base_version_id = j.value)`,
  ),
};

/**
 * Which of `versionIds` have a neighbour in `dir`: a `kind` run edge, or (up) a base / (down) a patched
 * version. One query for all: hundreds of single lookups cost more in call overhead than in the database.
 */
export async function listVersionsWithNeighbours({ sql }: DbHandle, versionIds: number[], args: { dir: "up" | "down"; kind: RunEdgeKind }): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(WITH_NEIGHBOURS_SQL[args.dir][sql.dialect], [idParam(versionIds), args.kind]);
  return rows.map((r) => r.id);
}

const RUNS_WITH_EDGES_SQL = perDialect((d) => `select j.value as id from ${idTable(d)} j where exists (select 1 from run_edges e where e.run_id = j.value and e.kind = ?)`);

/** Which of `runPks` have a `kind` edge. */
export async function listRunsWithEdges({ sql }: DbHandle, runPks: number[], kind: RunEdgeKind): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(RUNS_WITH_EDGES_SQL[sql.dialect], [idParam(runPks), kind]);
  return rows.map((r) => r.id);
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
}

const VERSION_NODES_SQL = perDialect(
  (d) => `select v.id, v.version_index as versionIndex, v.state, c.name, c.type, p.entity, p.name as project,
              ${jsonArrayOf(d, { value: "a.alias", from: "aliases a where a.version_id = v.id", order: "a.id" })} as aliases
       from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
       where v.id in (${idList(d)})`,
);

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
}

const RUN_NODES_SQL = perDialect(
  (d) => `select r.id as pk, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as grp, r.state,
              p.entity, p.name as project
       from runs r join projects p on p.id = r.project_id where r.id in (${idList(d)})`,
);

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
