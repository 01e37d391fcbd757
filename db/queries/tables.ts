import type { DbHandle } from "../client";
import { PostgresDatabase } from "../sql/postgres";
import { SqliteDatabase } from "../sql/sqlite";

/**
 * The metadata queries behind tables (server/services/tables/{source,warm}.ts). The table-index
 * caches themselves keep their own SQL (db/README.md).
 */

/** False once the database was closed (shutdown, a test's teardown): background work then stops quietly. */
export function isOpen({ sql }: DbHandle): boolean {
  if (sql instanceof SqliteDatabase) return sql.connection.open;
  if (sql instanceof PostgresDatabase) return !sql.pool.ending && !sql.pool.ended;
  return true;
}

export interface VersionName {
  entity: string;
  project: string;
  name: string;
  versionIndex: number | null;
  state: string;
}

/** What a version is called (project, collection, index): background work only knows its id. */
export function findVersionName({ sql }: DbHandle, versionId: number): Promise<VersionName | undefined> {
  return sql.get<VersionName>(
    `select p.entity, p.name as project, c.name, v.version_index as versionIndex, v.state
     from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
     where v.id = ?`,
    [versionId],
  );
}

/** Committed versions since `since` (epoch ms) that hold a table file, newest first. */
export async function listRecentVersionsWithTables({ sql }: DbHandle, since: number, limit: number): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(
    `select v.id from versions v
     where v.state = 'COMMITTED' and v.committed_at >= ?
       and exists (select 1 from entries e where e.version_id = v.id
                   and (e.path like '%.table.json' or e.path like '%.partitioned-table.json' or e.path like '%.joined-table.json'))
     order by v.committed_at desc limit ?`,
    [since, limit],
  );
  return rows.map((r) => r.id);
}

/** An entry as the table code needs it: a null `blobSha256` is a reference (not stored by Arca). */
export interface TableEntryRow {
  path: string;
  blobSha256: string | null;
  size: number;
}

/** A version's entries with paths in [lo, hi), in path order (a partitioned table's parts folder). */
export function listEntriesInRange({ sql }: DbHandle, versionId: number, range: { lo: string; hi: string }): Promise<TableEntryRow[]> {
  return sql.all<TableEntryRow>("select path, blob_sha256 as blobSha256, size from entries where version_id = ? and path >= ? and path < ? order by path", [
    versionId,
    range.lo,
    range.hi,
  ]);
}

/**
 * A version's table files (`*.table.json`, `*.partitioned-table.json`, `*.joined-table.json`, the
 * suffixes of server/services/tables/format.ts), in path order.
 */
export function listTableEntries({ sql }: DbHandle, versionId: number): Promise<TableEntryRow[]> {
  return sql.all<TableEntryRow>(
    `select path, blob_sha256 as blobSha256, size from entries where version_id = ?
         and (path like '%.table.json' or path like '%.partitioned-table.json' or path like '%.joined-table.json') order by path`,
    [versionId],
  );
}
