import type { DbHandle } from "../client";
import type { Dialect } from "../sql/sql";
import { idList, idParam, perDialect } from "./id-list";

/**
 * The command palette's look-ups (issue 14, item 2): names that contain the query, in the given projects
 * only (the caller passes the projects the viewer may read). Exact and prefix matches come first.
 * Each query stops at `limit`: the palette shows a handful per kind.
 */
export interface SearchArgs {
  projectIds: number[];
  q: string;
  limit: number;
}

export interface CollectionHit {
  entity: string;
  project: string;
  name: string;
  type: string;
}
export interface AliasHit extends CollectionHit {
  alias: string;
  versionIndex: number;
}
export interface RunHit {
  entity: string;
  project: string;
  runId: string;
  name: string;
  jobType: string | null;
}

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (m) => `\\${m}`);
// Truth values sort as 1/0 (`case`): the same order on both databases.
const rank = (column: string) => `case when lower(${column}) = ? then 1 else 0 end desc, case when ${column} like ? escape '\\' then 1 else 0 end desc, length(${column}), ${column}`;

/** Parameters in text order: the project ids, the `like` pattern(s) of the WHERE, then the rank's exact and prefix. */
function params({ projectIds, q, limit }: SearchArgs, likes: 1 | 2): (string | number)[] {
  const like = `%${escapeLike(q)}%`;
  return [idParam(projectIds), ...(likes === 2 ? [like, like] : [like]), q.toLowerCase(), `${escapeLike(q)}%`, limit];
}

const COLLECTIONS_SQL = perDialect(
  (d: Dialect) => `select p.entity, p.name as project, c.name, c.type from collections c join projects p on p.id = c.project_id
     where c.project_id in (${idList(d)}) and c.name like ? escape '\\'
     order by ${rank("c.name")} limit ?`,
);

export function searchCollectionNames({ sql }: DbHandle, args: SearchArgs): Promise<CollectionHit[]> {
  return sql.all<CollectionHit>(COLLECTIONS_SQL[sql.dialect], params(args, 1));
}

const ALIASES_SQL = perDialect(
  (d: Dialect) => `select p.entity, p.name as project, c.name, c.type, a.alias, v.version_index as versionIndex
     from aliases a join versions v on v.id = a.version_id join collections c on c.id = a.collection_id join projects p on p.id = c.project_id
     where c.project_id in (${idList(d)}) and v.state = 'COMMITTED' and a.alias like ? escape '\\'
     order by ${rank("a.alias")}, c.name limit ?`,
);

/** Aliases with the version each points at ("best → checkpoints:v35"); committed versions only. */
export function searchAliasNames({ sql }: DbHandle, args: SearchArgs): Promise<AliasHit[]> {
  return sql.all<AliasHit>(ALIASES_SQL[sql.dialect], params(args, 1));
}

const RUNS_SQL = perDialect(
  (d: Dialect) => `select p.entity, p.name as project, r.run_id as runId, r.name, r.job_type as jobType from runs r join projects p on p.id = r.project_id
     where r.project_id in (${idList(d)}) and (r.run_id like ? escape '\\' or r.name like ? escape '\\')
     order by ${rank("r.name")} limit ?`,
);

/** Runs by id or display name. */
export function searchRunNames({ sql }: DbHandle, args: SearchArgs): Promise<RunHit[]> {
  return sql.all<RunHit>(RUNS_SQL[sql.dialect], params(args, 2));
}

/** Every project with its id, for the caller to filter by the access policy. */
export function listProjectIds({ sql }: DbHandle): Promise<{ id: number; entity: string; project: string }[]> {
  return sql.all<{ id: number; entity: string; project: string }>("select id, entity, name as project from projects order by entity, name");
}
