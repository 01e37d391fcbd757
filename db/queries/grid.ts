import type { DbHandle } from "../client";
import type { Dialect, SqlParam } from "../sql/sql";
import type { CollectionRow } from "./collections";
import { idParam, idTable, jsonArrayOf, perDialect } from "./id-list";

/** The version reads behind the browser: DTO loading, the versions grid, version lists and pickers. */

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

// The DTO's columns and joins, shared by the id-list read below and the grid's page (`v` is the version).
const dtoColumns = (d: Dialect, aliases = jsonArrayOf(d, { value: "a.alias", from: "aliases a where a.version_id = v.id", order: "a.id" })) => `v.id, v.version_index as versionIndex, v.state, v.digest, v.size, v.file_count as fileCount, v.description, v.metadata,
         v.distributed_id as distributedId, v.base_version_id as baseVersionId, v.revision, v.created_at as createdAt,
         v.committed_at as committedAt, v.deleted_at as deletedAt, c.name, c.type, p.entity, p.name as project,
         ${aliases} as aliases,
         b.version_index as baseIndex, bc.name as baseName, bp.entity as baseEntity, bp.name as baseProject`;
const DTO_JOINS = `join collections c on c.id = v.collection_id
  join projects p on p.id = c.project_id
  left join versions b on b.id = v.base_version_id
  left join collections bc on bc.id = b.collection_id
  left join projects bp on bp.id = bc.project_id`;

// A page's aliases grouped once (PostgreSQL's one-statement page below), not a subquery per row.
const PG_ALIASES = `al as (select a.version_id, json_agg(a.alias order by a.id)::text as aliases
    from aliases a where a.version_id in (select value from ids) group by a.version_id)`;

// One statement for any number of ids (passed as a JSON array), with aliases and the patched-from
// base folded in.
const DTO_SQL = perDialect((d) => `select ${dtoColumns(d)} from ${idTable(d)} ids join versions v on v.id = ids.value ${DTO_JOINS}`);

/** The DTO rows of the versions with these ids, in no particular order; unknown ids are left out. */
export function listVersionDtoRows({ sql }: DbHandle, ids: number[]): Promise<VersionDtoRow[]> {
  return sql.all<VersionDtoRow>(DTO_SQL[sql.dialect], [idParam(ids)]);
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

/**
 * The metadata condition per dialect, compared as text on both sides. SQLite's json_extract returns SQL
 * values (booleans as 1/0, numbers as numbers); PostgreSQL's `#>>` returns the JSON text (`true`).
 */
const META_CLAUSE: Record<Dialect, string> = {
  sqlite: "cast(json_extract(metadata, ?) as text) = ?",
  postgres: "(metadata::jsonb #>> array(select json_array_elements_text(?::json))) = ?",
};

function metaParams(dialect: Dialect, meta: { key: string; value: string }): [string, string] {
  const parts = meta.key.split(".");
  const raw = meta.value;
  const unquoted = raw.replace(/^"(.*)"$/, "$1");
  if (dialect === "postgres") return [JSON.stringify(parts), unquoted];
  const path = `$.${parts.map((part) => JSON.stringify(part)).join(".")}`;
  return [path, raw === "true" ? "1" : raw === "false" ? "0" : unquoted];
}

/** The grid's WHERE from a fixed set of clauses (each combination is one constant text), and its parameters in order. */
function gridWhere(dialect: Dialect, f: VersionGridFilter, collection: { expression: string } | null = null): { where: string; params: SqlParam[] } {
  const params: SqlParam[] = collection ? [] : [f.collectionId];
  const clauses: string[] = [collection ? `collection_id = ${collection.expression}` : "collection_id = ?"];
  if (f.state !== "all") {
    clauses.push("state = ?");
    params.push(f.state);
  }
  if (f.alias === "with") clauses.push("exists (select 1 from aliases a where a.version_id = versions.id)");
  if (f.alias === "without") clauses.push("not exists (select 1 from aliases a where a.version_id = versions.id)");
  if (f.createdFrom !== undefined) {
    clauses.push("created_at >= ?");
    params.push(f.createdFrom);
  }
  if (f.createdTo !== undefined) {
    clauses.push("created_at < ?");
    params.push(f.createdTo);
  }
  if (f.meta) {
    clauses.push(META_CLAUSE[dialect]);
    params.push(...metaParams(dialect, f.meta));
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
  { sql }: DbHandle,
  f: VersionGridFilter,
  page: { sort: GridSortKey; desc: boolean; after: { k: number; id: number } | null; limit: number },
): Promise<{ id: number; k: number }[]> {
  const { where, params } = gridWhere(sql.dialect, f);
  const col = sortColumn(page.sort, f.state);
  const keyset = page.after ? `and (${col}, id) ${page.desc ? "<" : ">"} (?, ?)` : "";
  const order = page.desc ? `${col} desc, id desc` : `${col} asc, id asc`;
  return sql.all<{ id: number; k: number }>(`select id, ${col} as k from versions where ${where} ${keyset} order by ${order} limit ?`, [
    ...params,
    ...(page.after ? [page.after.k, page.after.id] : []),
    page.limit,
  ]);
}

export interface GridRowRow extends VersionDtoRow {
  /** The first run that logged the version, if any, and how many runs used it. */
  producerRunId: string | null;
  producerName: string | null;
  consumers: number;
}

// The DTO's row with the grid's producer (the first logging run) and consumer count, for a page of ids
// (a JSON array): one statement. The ids come from `listVersionGridKeys` rather than a subquery here:
// with the page's LIMIT a parameter, PostgreSQL plans such a statement anew on every call (its generic
// plan cannot tell 50 rows from 100,000), which costs more than the round trip it would save.
const GRID_ROWS_SQL = perDialect(
  (d) => `select ${dtoColumns(d)}, pr.run_id as producerRunId, pr.name as producerName,
         (select count(*) from run_edges e where e.version_id = v.id and e.kind = 'used') as consumers
  from ${idTable(d)} ids join versions v on v.id = ids.value ${DTO_JOINS}
  left join runs pr on pr.id = (select e.run_id from run_edges e where e.version_id = v.id and e.kind = 'logged' order by e.id limit 1)`,
);

/** The grid's rows of these versions (DTO, producer, consumers), in no particular order; unknown ids are left out. */
export function listVersionGridRows({ sql }: DbHandle, ids: number[]): Promise<GridRowRow[]> {
  return sql.all<GridRowRow>(GRID_ROWS_SQL[sql.dialect], [idParam(ids)]);
}

export async function countVersionGrid({ sql }: DbHandle, f: VersionGridFilter): Promise<number> {
  const { where, params } = gridWhere(sql.dialect, f);
  const row = await sql.get<{ n: number }>(`select count(*) as n from versions where ${where}`, params);
  return row?.n ?? 0;
}

/**
 * A collection's versions newest first, keyset-paged below `before`: committed/deleted by version
 * index, drafts and "all" by id (`k` is that key).
 */
export function listVersionKeys(
  { sql }: DbHandle,
  args: { collectionId: number; state: GridStateFilter; before: number | null; limit: number },
): Promise<{ id: number; k: number }[]> {
  const key = args.state === "COMMITTED" || args.state === "DELETED" ? "version_index" : "id";
  const params: SqlParam[] = [args.collectionId];
  const stateClause = args.state === "all" ? "" : "and state = ?";
  if (args.state !== "all") params.push(args.state);
  const cursorClause = args.before === null ? "" : `and ${key} < ?`;
  if (args.before !== null) params.push(args.before);
  params.push(args.limit);
  return sql.all<{ id: number; k: number }>(
    `select id, ${key} as k from versions where collection_id = ? ${stateClause} ${cursorClause}
       order by ${key} desc limit ?`,
    params,
  );
}

export interface VersionOptionRow {
  versionIndex: number;
  /** JSON array of the version's aliases. */
  aliases: string | null;
  size: number;
  fileCount: number;
  createdAt: number;
}

const optionColumns = (d: Dialect) => `v.version_index as versionIndex, v.size, v.file_count as fileCount, v.created_at as createdAt,
  ${jsonArrayOf(d, { value: "a.alias", from: "aliases a where a.version_id = v.id" })} as aliases`;

const OPTIONS_SQL = {
  first: perDialect((d) => `select ${optionColumns(d)} from versions v where v.collection_id = ? and v.state = 'COMMITTED' order by v.version_index desc limit ?`),
  after: perDialect(
    (d) => `select ${optionColumns(d)} from versions v where v.collection_id = ? and v.state = 'COMMITTED' and v.version_index < ? order by v.version_index desc limit ?`,
  ),
};

/** Committed versions for a picker, newest first, keyset-paged below index `before`. */
export function listVersionOptionRows({ sql }: DbHandle, args: { collectionId: number; before: number | null; limit: number }): Promise<VersionOptionRow[]> {
  return args.before === null
    ? sql.all<VersionOptionRow>(OPTIONS_SQL.first[sql.dialect], [args.collectionId, args.limit])
    : sql.all<VersionOptionRow>(OPTIONS_SQL.after[sql.dialect], [args.collectionId, args.before, args.limit]);
}

const OPTION_SEARCH_SQL = perDialect(
  (d) => `select ${optionColumns(d)} from versions v where v.collection_id = ? and v.state = 'COMMITTED' and (
         v.version_index = ?
         or v.id in (select a.version_id from aliases a where a.collection_id = ? and a.alias >= ? and a.alias < ?))
       order by case when v.version_index = ? then 1 else 0 end desc, v.version_index desc limit ?`,
);

/**
 * Committed versions numbered `index` (-1: none) or with an alias starting with `prefix` (a range on the
 * (collection, alias) index); the numbered one first, then newest first.
 */
export function searchVersionOptionRows({ sql }: DbHandle, args: { collectionId: number; index: number; prefix: string; limit: number }): Promise<VersionOptionRow[]> {
  return sql.all<VersionOptionRow>(OPTION_SEARCH_SQL[sql.dialect], [
    args.collectionId,
    args.index,
    args.collectionId,
    args.prefix,
    `${args.prefix}\u{10FFFF}`,
    args.index,
    args.limit,
  ]);
}

/** A whole grid page read in one statement (PostgreSQL): the collection's row and the page's rows with their sort key. */
export interface GridPageRead {
  /** Undefined: no such project. A null `id`: no such collection in it. */
  collection: (Omit<CollectionRow, "id"> & { id: number | null }) | undefined;
  rows: (GridRowRow & { k: number })[];
}

const PAGE_COLLECTION_FIELDS = ["id", "project_id", "name", "type", "description", "next_version_index", "version_count", "total_size", "created_at", "updated_at"] as const;
const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * PostgreSQL: a grid page in ONE statement — the collection by its names, the page's keys, and their
 * rows (DTO, aliases, producer, consumers grouped once over the page) — where SQLite takes three
 * in-process calls of microseconds each. On PostgreSQL each statement is a round trip, and three in a
 * row were most of the page's time. The LIMIT is written into the text (1–200, so at most 200 texts):
 * as a parameter, PostgreSQL's generic plan cannot tell a page from the whole collection.
 * Rows come back in no particular order: the caller sorts them by (k, id).
 */
export async function readGridPagePostgres(
  { sql }: DbHandle,
  args: { entity: string; project: string; name: string; filter: Omit<VersionGridFilter, "collectionId">; page: { sort: GridSortKey; desc: boolean; after: { k: number; id: number } | null; limit: number } },
): Promise<GridPageRead> {
  const { filter, page } = args;
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 200) throw new Error(`grid page limit ${page.limit} is out of range`);
  const { where, params } = gridWhere("postgres", { ...filter, collectionId: 0 }, { expression: "(select col_id from col)" });
  const keyCol = sortColumn(page.sort, filter.state);
  const keyset = page.after ? `and (${keyCol}, id) ${page.desc ? "<" : ">"} (?, ?)` : "";
  const order = page.desc ? `${keyCol} desc, id desc` : `${keyCol} asc, id asc`;
  const text = `with col as (
      select ${PAGE_COLLECTION_FIELDS.map((f) => (f === "project_id" ? "p.id as col_projectId" : `c.${f} as col_${camel(f)}`)).join(", ")}
      from projects p left join collections c on c.project_id = p.id and c.name = ? where p.entity = ? and p.name = ?),
    keys as (select id, ${keyCol} as k from versions where ${where} ${keyset} order by ${order} limit ${page.limit}),
    ids as (select id as value from keys),
    ${PG_ALIASES},
    pe as (select distinct on (e.version_id) e.version_id, e.run_id from run_edges e
           where e.version_id in (select value from ids) and e.kind = 'logged' order by e.version_id, e.id),
    cn as (select e.version_id, count(*) as n from run_edges e
           where e.version_id in (select value from ids) and e.kind = 'used' group by e.version_id),
    page as (select keys.k, ${dtoColumns("postgres", "coalesce(al.aliases, '[]')")}, pr.run_id as producerRunId, pr.name as producerName, coalesce(cn.n, 0) as consumers
      from keys join versions v on v.id = keys.id ${DTO_JOINS}
      left join al on al.version_id = v.id left join pe on pe.version_id = v.id left join runs pr on pr.id = pe.run_id
      left join cn on cn.version_id = v.id)
    select col.*, page.* from col left join page on true`;
  const found = await sql.all<Record<string, unknown>>(text, [args.name, args.entity, args.project, ...params, ...(page.after ? [page.after.k, page.after.id] : [])]);
  const first = found[0];
  if (!first) return { collection: undefined, rows: [] };
  const collection = Object.fromEntries(PAGE_COLLECTION_FIELDS.map((f) => [camel(f), first[`col_${camel(f)}`]])) as GridPageRead["collection"] & object;
  const rows = found.filter((r) => r.id !== null && r.id !== undefined) as unknown as GridPageRead["rows"];
  return { collection, rows };
}
