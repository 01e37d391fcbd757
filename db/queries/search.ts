import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

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
const params = ({ projectIds, q, limit }: SearchArgs) => ({ ids: JSON.stringify(projectIds), q: q.toLowerCase(), like: `%${escapeLike(q)}%`, prefix: `${escapeLike(q)}%`, limit });
const rank = (column: string) => `(lower(${column}) = @q) desc, (${column} like @prefix escape '\\') desc, length(${column}), ${column}`;

export function searchCollectionNames({ sqlite }: LegacyDbHandle, args: SearchArgs): CollectionHit[] {
  return prepared<Record<string, unknown>, CollectionHit>(
    sqlite,
    `select p.entity, p.name as project, c.name, c.type from collections c join projects p on p.id = c.project_id
     where c.project_id in (select value from json_each(@ids)) and c.name like @like escape '\\'
     order by ${rank("c.name")} limit @limit`,
  ).all(params(args));
}

/** Aliases with the version each points at ("best → checkpoints:v35"); committed versions only. */
export function searchAliasNames({ sqlite }: LegacyDbHandle, args: SearchArgs): AliasHit[] {
  return prepared<Record<string, unknown>, AliasHit>(
    sqlite,
    `select p.entity, p.name as project, c.name, c.type, a.alias, v.version_index as versionIndex
     from aliases a join versions v on v.id = a.version_id join collections c on c.id = a.collection_id join projects p on p.id = c.project_id
     where c.project_id in (select value from json_each(@ids)) and v.state = 'COMMITTED' and a.alias like @like escape '\\'
     order by ${rank("a.alias")}, c.name limit @limit`,
  ).all(params(args));
}

/** Runs by id or display name. */
export function searchRunNames({ sqlite }: LegacyDbHandle, args: SearchArgs): RunHit[] {
  return prepared<Record<string, unknown>, RunHit>(
    sqlite,
    `select p.entity, p.name as project, r.run_id as runId, r.name, r.job_type as jobType from runs r join projects p on p.id = r.project_id
     where r.project_id in (select value from json_each(@ids)) and (r.run_id like @like escape '\\' or r.name like @like escape '\\')
     order by ${rank("r.name")} limit @limit`,
  ).all(params(args));
}

/** Every project with its id, for the caller to filter by the access policy. */
export function listProjectIds({ sqlite }: LegacyDbHandle): { id: number; entity: string; project: string }[] {
  return prepared<[], { id: number; entity: string; project: string }>(sqlite, "select id, entity, name as project from projects order by entity, name").all();
}

