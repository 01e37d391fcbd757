import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/**
 * The metadata queries behind tables (server/services/tables/{source,warm}.ts). The table-index
 * caches themselves keep their own SQL (db/README.md).
 */

/** False once the database was closed (shutdown, a test's teardown): background work then stops quietly. */
export function isOpen({ sqlite }: LegacyDbHandle): boolean {
  return sqlite.open;
}

export interface VersionName {
  entity: string;
  project: string;
  name: string;
  versionIndex: number | null;
  state: string;
}

/** What a version is called (project, collection, index): background work only knows its id. */
export function findVersionName({ sqlite }: LegacyDbHandle, versionId: number): VersionName | undefined {
  return prepared<[number], VersionName>(
    sqlite,
    `select p.entity, p.name as project, c.name, v.version_index as versionIndex, v.state
     from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
     where v.id = ?`,
  ).get(versionId);
}

/** Committed versions since `since` (epoch ms) that hold a table file, newest first. */
export function listRecentVersionsWithTables({ sqlite }: LegacyDbHandle, since: number, limit: number): number[] {
  return prepared<[number, number], { id: number }>(
    sqlite,
    `select v.id from versions v
     where v.state = 'COMMITTED' and v.committed_at >= ?
       and exists (select 1 from entries e where e.version_id = v.id
                   and (e.path like '%.table.json' or e.path like '%.partitioned-table.json' or e.path like '%.joined-table.json'))
     order by v.committed_at desc limit ?`,
  )
    .all(since, limit)
    .map((r) => r.id);
}

/** An entry as the table code needs it: a null `blobSha256` is a reference (not stored by Arca). */
export interface TableEntryRow {
  path: string;
  blobSha256: string | null;
  size: number;
}

/** A version's entries with paths in [lo, hi), in path order (a partitioned table's parts folder). */
export function listEntriesInRange({ sqlite }: LegacyDbHandle, versionId: number, range: { lo: string; hi: string }): TableEntryRow[] {
  return prepared<[number, string, string], TableEntryRow>(
    sqlite,
    "select path, blob_sha256 as blobSha256, size from entries where version_id = ? and path >= ? and path < ? order by path",
  ).all(versionId, range.lo, range.hi);
}

/**
 * A version's table files (`*.table.json`, `*.partitioned-table.json`, `*.joined-table.json`, the
 * suffixes of server/services/tables/format.ts), in path order.
 */
export function listTableEntries({ sqlite }: LegacyDbHandle, versionId: number): TableEntryRow[] {
  return prepared<[number], TableEntryRow>(
    sqlite,
    `select path, blob_sha256 as blobSha256, size from entries where version_id = ?
         and (path like '%.table.json' or path like '%.partitioned-table.json' or path like '%.joined-table.json') order by path`,
  ).all(versionId);
}
