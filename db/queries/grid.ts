import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/** The version reads behind the browser: DTO loading, the versions grid, version lists and pickers, a version's files. */

export type VersionState = "COMMITTED" | "PENDING" | "DELETED";

export interface VersionDtoRow {
  id: number;
  versionIndex: number | null;
  state: VersionState;
  digest: string | null;
  size: number;
  fileCount: number;
  description: string;
  metadata: string;
  distributedId: string | null;
  baseVersionId: number | null;
  revision: number;
  createdAt: number;
  committedAt: number | null;
  deletedAt: number | null;
  name: string;
  type: string;
  entity: string;
  project: string;
  /** JSON array of the aliases, oldest first. */
  aliases: string | null;
  baseIndex: number | null;
  baseName: string | null;
  baseEntity: string | null;
  baseProject: string | null;
}

// One statement for any number of ids (passed as a JSON array), with aliases and the patched-from
// base folded in: a grid page of 50 versions is one indexed query.
const DTO_SQL = `
  select v.id, v.version_index as versionIndex, v.state, v.digest, v.size, v.file_count as fileCount, v.description, v.metadata,
         v.distributed_id as distributedId, v.base_version_id as baseVersionId, v.revision, v.created_at as createdAt,
         v.committed_at as committedAt, v.deleted_at as deletedAt, c.name, c.type, p.entity, p.name as project,
         (select json_group_array(alias) from (select a.alias from aliases a where a.version_id = v.id order by a.id)) as aliases,
         b.version_index as baseIndex, bc.name as baseName, bp.entity as baseEntity, bp.name as baseProject
  from json_each(?) ids
  join versions v on v.id = ids.value
  join collections c on c.id = v.collection_id
  join projects p on p.id = c.project_id
  left join versions b on b.id = v.base_version_id
  left join collections bc on bc.id = b.collection_id
  left join projects bp on bp.id = bc.project_id`;

/** The DTO rows of the versions with these ids, in no particular order; unknown ids are left out. */
export function listVersionDtoRows({ sqlite }: LegacyDbHandle, ids: number[]): VersionDtoRow[] {
  return prepared<[string], VersionDtoRow>(sqlite, DTO_SQL).all(JSON.stringify(ids));
}

export type GridSortKey = "version" | "created" | "size";
export type GridStateFilter = VersionState | "all";

/** What narrows a collection's versions in the grid. */
export interface VersionGridFilter {
  collectionId: number;
  state: GridStateFilter;
  alias?: "any" | "with" | "without";
  /** Epoch ms; `createdFrom` inclusive, `createdTo` exclusive. */
  createdFrom?: number;
  createdTo?: number;
  /** A metadata key (nested with dots: `eval.acc`) and the value it must have, as typed (`true`, `0.9`, `"text"`). */
  meta?: { key: string; value: string };
}

function gridWhere(f: VersionGridFilter): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { collection: f.collectionId };
  const clauses: string[] = ["collection_id = @collection"];
  if (f.state !== "all") {
    clauses.push("state = @state");
    params.state = f.state;
  }
  if (f.alias === "with") clauses.push("exists (select 1 from aliases a where a.version_id = versions.id)");
  if (f.alias === "without") clauses.push("not exists (select 1 from aliases a where a.version_id = versions.id)");
  if (f.createdFrom !== undefined) {
    clauses.push("created_at >= @createdFrom");
    params.createdFrom = f.createdFrom;
  }
  if (f.createdTo !== undefined) {
    clauses.push("created_at < @createdTo");
    params.createdTo = f.createdTo;
  }
  if (f.meta) {
    params.metaPath = `$.${f.meta.key.split(".").map((part) => JSON.stringify(part)).join(".")}`;
    // json_extract returns SQL values: booleans as 1/0, numbers as numbers; compare as text on both sides.
    const raw = f.meta.value;
    params.metaValue = raw === "true" ? "1" : raw === "false" ? "0" : raw.replace(/^"(.*)"$/, "$1");
    clauses.push("cast(json_extract(metadata, @metaPath) as text) = @metaValue");
  }
  return { where: clauses.join(" and "), params };
}

/**
 * Which column orders the grid. Committed versions sort by index on the
 * (collection, state, version_index) index; drafts (and deleted drafts) have no index, so
 * "version" order falls back to creation time when they can be in the list.
 */
function sortColumn(sort: GridSortKey, state: GridStateFilter): string {
  if (sort === "size") return "size";
  return sort === "version" && state === "COMMITTED" ? "version_index" : "created_at";
}

/**
 * One page of the grid's keys, keyset-paged on (sort column, id) read in `desc` or ascending
 * order, after the row (`after.k`, `after.id`) in that reading order. `k` is the row's sort value.
 */
export function listVersionGridKeys(
  h: LegacyDbHandle,
  f: VersionGridFilter,
  page: { sort: GridSortKey; desc: boolean; after: { k: number; id: number } | null; limit: number },
): { id: number; k: number }[] {
  const { where, params } = gridWhere(f);
  const col = sortColumn(page.sort, f.state);
  const keyset = page.after ? `and (${col}, id) ${page.desc ? "<" : ">"} (@ck, @cid)` : "";
  const order = page.desc ? `${col} desc, id desc` : `${col} asc, id asc`;
  return prepared<Record<string, unknown>, { id: number; k: number }>(h.sqlite, `select id, ${col} as k from versions where ${where} ${keyset} order by ${order} limit @limit`).all({
    ...params,
    ...(page.after ? { ck: page.after.k, cid: page.after.id } : {}),
    limit: page.limit,
  });
}

export function countVersionGrid(h: LegacyDbHandle, f: VersionGridFilter): number {
  const { where, params } = gridWhere(f);
  return prepared<Record<string, unknown>, { n: number }>(h.sqlite, `select count(*) as n from versions where ${where}`).get(params)!.n;
}

export interface VersionRunsRow {
  versionId: number;
  /** The first run that logged the version, if any. */
  runId: string | null;
  name: string | null;
  /** Runs that used it. */
  consumers: number;
}

/** Producer run and consumer count per version: one indexed query for a whole page. */
export function listVersionRuns({ sqlite }: LegacyDbHandle, versionIds: number[]): VersionRunsRow[] {
  return prepared<[string], VersionRunsRow>(
    sqlite,
    `select ids.value as versionId,
            (select r.run_id from run_edges e join runs r on r.id = e.run_id where e.version_id = ids.value and e.kind = 'logged' order by e.id limit 1) as runId,
            (select r.name from run_edges e join runs r on r.id = e.run_id where e.version_id = ids.value and e.kind = 'logged' order by e.id limit 1) as name,
            (select count(*) from run_edges e where e.version_id = ids.value and e.kind = 'used') as consumers
     from json_each(?) ids`,
  ).all(JSON.stringify(versionIds));
}

/**
 * A collection's versions newest first, keyset-paged below `before`: committed/deleted by version
 * index, drafts and "all" by id (`k` is that key).
 */
export function listVersionKeys(
  { sqlite }: LegacyDbHandle,
  args: { collectionId: number; state: GridStateFilter; before: number | null; limit: number },
): { id: number; k: number }[] {
  const key = args.state === "COMMITTED" || args.state === "DELETED" ? "version_index" : "id";
  const stateClause = args.state === "all" ? "" : "and state = @state";
  const cursorClause = args.before === null ? "" : `and ${key} < @cursor`;
  return prepared<Record<string, unknown>, { id: number; k: number }>(
    sqlite,
    `select id, ${key} as k from versions where collection_id = @collection ${stateClause} ${cursorClause}
       order by ${key} desc limit @limit`,
  ).all({ collection: args.collectionId, state: args.state, cursor: args.before, limit: args.limit });
}

export interface VersionOptionRow {
  versionIndex: number;
  /** JSON array of the version's aliases. */
  aliases: string | null;
  size: number;
  fileCount: number;
  createdAt: number;
}

const OPTION_COLUMNS = `v.version_index as versionIndex, v.size, v.file_count as fileCount, v.created_at as createdAt,
  (select json_group_array(a.alias) from aliases a where a.version_id = v.id) as aliases`;

/** Committed versions for a picker, newest first, keyset-paged below index `before`. */
export function listVersionOptionRows({ sqlite }: LegacyDbHandle, args: { collectionId: number; before: number | null; limit: number }): VersionOptionRow[] {
  return prepared<Record<string, unknown>, VersionOptionRow>(
    sqlite,
    `select ${OPTION_COLUMNS} from versions v where v.collection_id = @cid and v.state = 'COMMITTED' ${args.before === null ? "" : "and v.version_index < @cursor"}
         order by v.version_index desc limit @limit`,
  ).all({ cid: args.collectionId, cursor: args.before, limit: args.limit });
}

/**
 * Committed versions numbered `index` (-1: none) or with an alias starting with `prefix` (a range on the
 * (collection, alias) index); the numbered one first, then newest first.
 */
export function searchVersionOptionRows({ sqlite }: LegacyDbHandle, args: { collectionId: number; index: number; prefix: string; limit: number }): VersionOptionRow[] {
  return prepared<Record<string, unknown>, VersionOptionRow>(
    sqlite,
    `select ${OPTION_COLUMNS} from versions v where v.collection_id = @cid and v.state = 'COMMITTED' and (
         v.version_index = @index
         or v.id in (select a.version_id from aliases a where a.collection_id = @cid and a.alias >= @q and a.alias < @qEnd))
       order by v.version_index = @index desc, v.version_index desc limit @limit`,
  ).all({ cid: args.collectionId, index: args.index, q: args.prefix, qEnd: `${args.prefix}\u{10FFFF}`, limit: args.limit });
}
