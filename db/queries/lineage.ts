import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/**
 * The lineage reads: a version's runs and a run's versions, the explorer's neighbour pages, and node
 * details for whole answers (ids passed as one JSON array). Every neighbour query walks one index range
 * in edge-id order (run_edges_version_idx, run_edges_run_kind_idx, versions_base_idx), so the cost
 * follows what is shown, never the size of the graph; the edge id is the keyset cursor.
 */

export type RunEdgeKind = "logged" | "used";

/** Run pks of a version's `kind` edges, in edge order. */
export function listRunIdsOfVersion({ sqlite }: LegacyDbHandle, versionId: number, kind: RunEdgeKind): number[] {
  return prepared<[number, string], { runId: number }>(sqlite, "select run_id as runId from run_edges where version_id = ? and kind = ? order by id")
    .all(versionId, kind)
    .map((r) => r.runId);
}

/** Version ids of a run's `kind` edges, in edge order. */
export function listVersionIdsOfRun({ sqlite }: LegacyDbHandle, runPk: number, kind: RunEdgeKind): number[] {
  return prepared<[number, string], { versionId: number }>(sqlite, "select version_id as versionId from run_edges where run_id = ? and kind = ? order by id")
    .all(runPk, kind)
    .map((r) => r.versionId);
}

/** A neighbour's pk and its keyset cursor. */
export interface EdgeRow {
  cursor: number;
  pk: number;
}

/** Runs on a version's `kind` edges after edge `after`, at most `limit`. */
export function listVersionRunEdges({ sqlite }: LegacyDbHandle, versionId: number, args: { kind: RunEdgeKind; after: number; limit: number }): EdgeRow[] {
  return prepared<[number, string, number, number], EdgeRow>(
    sqlite,
    "select id as cursor, run_id as pk from run_edges where version_id = ? and kind = ? and id > ? order by id limit ?",
  ).all(versionId, args.kind, args.after, args.limit);
}

export function countVersionRunEdges({ sqlite }: LegacyDbHandle, versionId: number, args: { kind: RunEdgeKind; after: number }): number {
  return prepared<[number, string, number], { n: number }>(sqlite, "select count(*) as n from run_edges where version_id = ? and kind = ? and id > ?").get(versionId, args.kind, args.after)?.n ?? 0;
}

/** The version a version was patched from, if any. */
export function findBaseVersionId({ sqlite }: LegacyDbHandle, versionId: number): number | undefined {
  return prepared<[number], { pk: number }>(sqlite, "select base_version_id as pk from versions where id = ? and base_version_id is not null").get(versionId)?.pk;
}

/** Versions patched from `baseId` after id `after` (the version id is its own cursor), at most `limit`. */
export function listPatchedVersions({ sqlite }: LegacyDbHandle, baseId: number, args: { after: number; limit: number }): EdgeRow[] {
  return prepared<[number, number, number], EdgeRow>(sqlite, "select id as cursor, id as pk from versions where base_version_id = ? and id > ? order by id limit ?").all(
    baseId,
    args.after,
    args.limit,
  );
}

export function countPatchedVersions({ sqlite }: LegacyDbHandle, baseId: number, after: number): number {
  return prepared<[number, number], { n: number }>(sqlite, "select count(*) as n from versions where base_version_id = ? and id > ?").get(baseId, after)?.n ?? 0;
}

/** A run's first `limit` `kind` edges with each version's collection (cid), for grouping by collection. */
export function scanRunEdges({ sqlite }: LegacyDbHandle, runPk: number, args: { kind: RunEdgeKind; limit: number }): (EdgeRow & { cid: number })[] {
  return prepared<[number, string, number], EdgeRow & { cid: number }>(
    sqlite,
    `select e.id as cursor, e.version_id as pk, v.collection_id as cid
       from (select id, version_id from run_edges where run_id = ? and kind = ? order by id limit ?) e
       join versions v on v.id = e.version_id order by e.id`,
  ).all(runPk, args.kind, args.limit);
}

/** A run's `kind` edges after edge `after`, at most `limit`; only versions of collection `collectionId` when given. */
export function listRunEdges({ sqlite }: LegacyDbHandle, runPk: number, args: { kind: RunEdgeKind; after: number; limit: number; collectionId?: number }): EdgeRow[] {
  if (args.collectionId === undefined) {
    return prepared<[number, string, number, number], EdgeRow>(
      sqlite,
      "select id as cursor, version_id as pk from run_edges where run_id = ? and kind = ? and id > ? order by id limit ?",
    ).all(runPk, args.kind, args.after, args.limit);
  }
  return prepared<[number, string, number, number, number], EdgeRow>(
    sqlite,
    `select e.id as cursor, e.version_id as pk from run_edges e join versions v on v.id = e.version_id
       where e.run_id = ? and e.kind = ? and e.id > ? and v.collection_id = ? order by e.id limit ?`,
  ).all(runPk, args.kind, args.after, args.collectionId, args.limit);
}

export function countRunEdges({ sqlite }: LegacyDbHandle, runPk: number, args: { kind: RunEdgeKind; after: number; collectionId?: number }): number {
  if (args.collectionId === undefined) {
    return prepared<[number, string, number], { n: number }>(sqlite, "select count(*) as n from run_edges where run_id = ? and kind = ? and id > ?").get(runPk, args.kind, args.after)?.n ?? 0;
  }
  return (
    prepared<[number, string, number, number], { n: number }>(
      sqlite,
      `select count(*) as n from run_edges e join versions v on v.id = e.version_id
       where e.run_id = ? and e.kind = ? and e.id > ? and v.collection_id = ?`,
    ).get(runPk, args.kind, args.after, args.collectionId)?.n ?? 0
  );
}

/**
 * Which of `versionIds` have a neighbour in `dir`: a `kind` run edge, or (up) a base / (down) a patched
 * version. One query for all: hundreds of single lookups cost more in call overhead than in SQLite.
 */
export function listVersionsWithNeighbours({ sqlite }: LegacyDbHandle, versionIds: number[], args: { dir: "up" | "down"; kind: RunEdgeKind }): number[] {
  const related =
    args.dir === "up"
      ? "exists (select 1 from versions b where b.id = j.value and b.base_version_id is not null)"
      : "exists (select 1 from versions d where d.base_version_id = j.value)";
  return prepared<[string, string], { id: number }>(
    sqlite,
    `select j.value as id from json_each(?) j
         where exists (select 1 from run_edges e where e.version_id = j.value and e.kind = ?) or ${related}`,
  )
    .all(JSON.stringify(versionIds), args.kind)
    .map((r) => r.id);
}

/** Which of `runPks` have a `kind` edge. */
export function listRunsWithEdges({ sqlite }: LegacyDbHandle, runPks: number[], kind: RunEdgeKind): number[] {
  return prepared<[string, string], { id: number }>(sqlite, "select j.value as id from json_each(?) j where exists (select 1 from run_edges e where e.run_id = j.value and e.kind = ?)")
    .all(JSON.stringify(runPks), kind)
    .map((r) => r.id);
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

export function listVersionNodeRows({ sqlite }: LegacyDbHandle, ids: number[]): VersionNodeRow[] {
  return prepared<[string], VersionNodeRow>(
    sqlite,
    `select v.id, v.version_index as versionIndex, v.state, c.name, c.type, p.entity, p.name as project,
              (select json_group_array(a.alias) from (select alias from aliases where version_id = v.id order by id) a) as aliases
       from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
       where v.id in (select value from json_each(?))`,
  ).all(JSON.stringify(ids));
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

export function listRunNodeRows({ sqlite }: LegacyDbHandle, pks: number[]): RunNodeRow[] {
  return prepared<[string], RunNodeRow>(
    sqlite,
    `select r.id as pk, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as grp, r.state,
              p.entity, p.name as project
       from runs r join projects p on p.id = r.project_id where r.id in (select value from json_each(?))`,
  ).all(JSON.stringify(pks));
}

export function listCollectionNames({ sqlite }: LegacyDbHandle, ids: number[]): { id: number; name: string }[] {
  return prepared<[string], { id: number; name: string }>(sqlite, "select id, name from collections where id in (select value from json_each(?))").all(JSON.stringify(ids));
}

export function runExists({ sqlite }: LegacyDbHandle, pk: number): boolean {
  return prepared<[number]>(sqlite, "select 1 from runs where id = ?").get(pk) !== undefined;
}

/** A run's pk by its project's entity and name and its run id. */
export function findRunPkInNamespace({ sqlite }: LegacyDbHandle, args: { entity: string; project: string; runId: string }): number | undefined {
  return prepared<[string, string, string], { id: number }>(sqlite, "select r.id from runs r join projects p on p.id = r.project_id where p.entity = ? and p.name = ? and r.run_id = ?").get(
    args.entity,
    args.project,
    args.runId,
  )?.id;
}

export function findRunPk({ sqlite }: LegacyDbHandle, projectId: number, runId: string): number | undefined {
  return prepared<[number, string], { id: number }>(sqlite, "select id from runs where project_id = ? and run_id = ?").get(projectId, runId)?.id;
}
