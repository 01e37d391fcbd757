import type { Database } from "better-sqlite3";
import { prepared } from "../statements";

export interface VersionName {
  entity: string;
  project: string;
  name: string;
  versionIndex: number | null;
  state: string;
}

/** What a version is called (project, collection, index): background work only knows its id. */
export function findVersionName(sqlite: Database, versionId: number): VersionName | undefined {
  return prepared<[number], VersionName>(
    sqlite,
    `select p.entity, p.name as project, c.name, v.version_index as versionIndex, v.state
     from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
     where v.id = ?`,
  ).get(versionId);
}

/** Committed versions since `since` (epoch ms) that hold a table file, newest first. */
export function listRecentVersionsWithTables(sqlite: Database, since: number, limit: number): number[] {
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
