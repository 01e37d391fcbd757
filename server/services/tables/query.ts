import type Database from "better-sqlite3";
import { ConflictError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { withKeyLock } from "../locks";
import type { OpenIndex } from "./registry";
import { openTable, type TableRef } from "./registry";
import { parseTableJson } from "./cells";
import { INDEX_WRITE_PRAGMAS } from "./build";
import { runSql } from "../../workers/sqlite";
import type { TableFilter, TablePageInput, TableSort } from "./schemas";

/**
 * Pages of an indexed table. Every page is a range on an INTEGER PRIMARY KEY, never an OFFSET:
 * - unsorted, unfiltered: rowid range on `rows` (rowid = global row number);
 * - sorted: `sort_K(pos, rid)`, the rows' order by column K, built on the first sort of K and kept
 *   in the index file (descending reads the same table backwards);
 * - filtered: a table of the matching rows in view order, built once per filter set and
 *   kept for the next pages (a small LRU per open index), which also gives the total.
 * Every table added lazily is written by a worker thread (server/workers/sqlite.ts), so the first
 * sort or filter of a big table never stops the server; the index file is in WAL mode for that.
 * Columns are copied out of the row JSON (`col_K(rid, v)`) the first time they are sorted or
 * filtered, so later scans read a narrow table instead of parsing JSON.
 */

export interface TableRow {
  /** Global row number, 0-based. */
  index: number;
  cells: unknown[];
}

export interface TablePage {
  total: number;
  offset: number;
  rows: TableRow[];
}

const MAX_VIEWS = 6;

interface View {
  table: string;
  total: number;
}

// Per process, not per bundle (Next bundles services more than once): every copy must know every view of a
// shared index handle, or one copy's clean-up of leftovers would drop another's views.
const holder = globalThis as typeof globalThis & { __arcaTableViews?: { byDb: WeakMap<Database.Database, Map<string, View>>; counter: number } };
const viewState = (holder.__arcaTableViews ??= { byDb: new WeakMap(), counter: 0 });
const views = viewState.byDb;

export async function readyIndex(ctx: ServiceContext, ref: TableRef): Promise<OpenIndex> {
  const status = await openTable(ctx, ref);
  if (status.state !== "ready") throw new ConflictError(`${ref.path} is still being indexed (${status.progress.partsDone} of ${status.progress.partsTotal} parts); try again in a moment`);
  return status.index;
}

export async function getTablePage(ctx: ServiceContext, input: TablePageInput): Promise<TablePage> {
  const index = await readyIndex(ctx, input);
  const columns = index.meta.columns.length;
  for (const c of [...input.filters.map((f) => f.column), ...(input.sort ? [input.sort.column] : [])]) {
    if (c >= columns) throw new ValidationError(`the table has ${columns} columns; there is no column ${c}`);
  }
  if (input.filters.length === 0 && !input.sort) return baseRows(index, input.offset, input.limit);
  const view = input.filters.length === 0 ? await sortView(index, input.sort!.column) : await filterView(index, input.filters, input.sort ?? null);
  return positionRows(index.db, view, input.offset, input.limit, input.sort?.desc ?? false);
}

export async function getTableRow(ctx: ServiceContext, ref: TableRef, rowIndex: number): Promise<TableRow> {
  const index = await readyIndex(ctx, ref);
  const row = index.db.prepare<[number], { j: string }>("select j from rows where rowid = ?").get(rowIndex);
  if (!row) throw new ValidationError(`row ${rowIndex + 1} does not exist: the table has ${index.meta.rows.toLocaleString("en-US")} rows`);
  return { index: rowIndex, cells: toCells(row.j) };
}

function toCells(j: string): unknown[] {
  const value = parseTableJson(j);
  return Array.isArray(value) ? value : [value];
}

function baseRows(index: OpenIndex, offset: number, limit: number): TablePage {
  const rows = index.db
    .prepare<[number, number], { i: number; j: string }>("select rowid as i, j from rows where rowid >= ? and rowid < ? order by rowid")
    .all(offset, offset + limit);
  return { total: index.meta.rows, offset, rows: rows.map((r) => ({ index: r.i, cells: toCells(r.j) })) };
}

/** Reads positions (1-based, dense) of a position table; descending reads it from the end. */
function positionRows(db: Database.Database, view: View, offset: number, limit: number, desc: boolean): TablePage {
  const [lo, hi] = desc ? [view.total - offset - limit + 1, view.total - offset] : [offset + 1, offset + limit];
  const rows = db
    .prepare<[number, number], { i: number; j: string }>(
      `select t.rid as i, r.j from ${view.table} t join rows r on r.rowid = t.rid where t.pos >= ? and t.pos <= ? order by t.pos ${desc ? "desc" : "asc"}`,
    )
    .all(Math.max(lo, 1), hi);
  return { total: view.total, offset, rows: rows.map((r) => ({ index: r.i, cells: toCells(r.j) })) };
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
}

/** Lazy tables of one index are built one at a time; a second request waits and then finds them. */
function lazyLock<T>(index: OpenIndex, fn: () => Promise<T>): Promise<T> {
  return withKeyLock(`table-lazy:${index.db.name}`, fn);
}

/** Runs statements that write the index file in a worker thread: copying or sorting a million rows takes seconds. */
function writeIndex(index: OpenIndex, sql: string, params: unknown[] = []): Promise<unknown[]> {
  return runSql({ file: index.db.name, pragmas: INDEX_WRITE_PRAGMAS, steps: [{ mode: params.length ? "run" : "exec", sql, params }] });
}

/** The column's SQL values (`col_K(rid, v)`), copied out of the row JSON once and kept in the index file. */
export async function ensureColumn(index: OpenIndex, column: number): Promise<string> {
  const name = `col_${column}`;
  if (tableExists(index.db, name)) return name;
  return lazyLock(index, async () => {
    if (tableExists(index.db, name)) return name;
    const tmp = `${name}_tmp`;
    // `->>` gives SQL values: numbers, text, 1/0 for booleans, NULL for null, JSON text for containers.
    // One transaction, renamed at the end: readers see the whole table or none.
    await writeIndex(
      index,
      `begin; drop table if exists ${tmp}; create table ${tmp} (rid integer primary key, v);
       insert into ${tmp} (rid, v) select rowid, j ->> ${column} from rows;
       alter table ${tmp} rename to ${name}; commit`,
    );
    return name;
  });
}

async function sortView(index: OpenIndex, column: number): Promise<View> {
  const name = `sort_${column}`;
  const total = index.meta.rows;
  if (tableExists(index.db, name)) return { table: name, total };
  const col = await ensureColumn(index, column);
  return lazyLock(index, async () => {
    if (!tableExists(index.db, name)) {
      // Ties keep row order, so the same sort always pages the same way.
      await writeIndex(
        index,
        `begin; drop table if exists ${name}_tmp; create table ${name}_tmp (pos integer primary key, rid integer not null);
         insert into ${name}_tmp (rid) select rid from ${col} order by v, rid;
         alter table ${name}_tmp rename to ${name}; commit`,
      );
    }
    return { table: name, total };
  });
}

function filterClause(alias: string, f: TableFilter): { sql: string; params: unknown[] } {
  const v = `${alias}.v`;
  switch (f.op) {
    case "null":
      return { sql: `${v} is null`, params: [] };
    case "notnull":
      return { sql: `${v} is not null`, params: [] };
    case "contains":
      return { sql: `instr(lower(${v}), lower(?)) > 0`, params: [f.value] };
    case "range": {
      const parts = [`typeof(${v}) in ('integer', 'real')`];
      const params: unknown[] = [];
      if (f.min !== undefined) {
        parts.push(`${v} >= ?`);
        params.push(f.min);
      }
      if (f.max !== undefined) {
        parts.push(`${v} <= ?`);
        params.push(f.max);
      }
      return { sql: parts.join(" and "), params };
    }
    case "eq": {
      // The cell's SQL type is not known from the text typed: match it as number, boolean or text.
      const text = f.value;
      const num = text.trim() === "" ? NaN : Number(text);
      const params: unknown[] = [text];
      // An integer past 2^53 is compared as the 64-bit integer SQLite holds, not as a rounded double.
      const exact = /^-?\d+$/.test(text.trim()) && !Number.isSafeInteger(num) ? toInt64(text.trim()) : undefined;
      if (exact !== undefined) params.push(exact);
      else if (Number.isFinite(num)) params.push(num);
      if (text === "true" || text === "false") params.push(text === "true" ? 1 : 0);
      const alternatives = params.map(() => `${v} = ?`);
      if (text === "null") alternatives.push(`${v} is null`);
      return { sql: `(${alternatives.join(" or ")})`, params };
    }
  }
}

const INT64_MAX = 2n ** 63n - 1n;

function toInt64(text: string): bigint | undefined {
  const value = BigInt(text);
  return value <= INT64_MAX && value >= -INT64_MAX - 1n ? value : undefined;
}

/**
 * Filter views are tables in the index file (a worker writes them, so they cannot be the reader's temp tables),
 * named per process; ones left by an earlier process or a closed handle are dropped when a handle first filters.
 */
const VIEW_PREFIX = `fview_${process.pid}_`;

async function filterView(index: OpenIndex, filters: TableFilter[], sort: TableSort | null): Promise<View> {
  const key = JSON.stringify({ filters, sort: sort?.column ?? null });
  let cache = views.get(index.db);
  if (!cache) {
    views.set(index.db, (cache = new Map()));
    await dropLeftoverViews(index);
  }
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const base = sort ? await sortView(index, sort.column) : null;
  const used = [...new Set(filters.map((f) => f.column))];
  const tables = new Map<number, string>();
  for (const c of used) tables.set(c, await ensureColumn(index, c));
  const first = `c${used[0]}`;
  const from = base ? `${base.table} s` : `${tables.get(used[0]!)} ${first}`;
  const rid = base ? "s.rid" : `${first}.rid`;
  const joins = used.filter((c) => base || `c${c}` !== first).map((c) => `join ${tables.get(c)} c${c} on c${c}.rid = ${rid}`);
  const clauses = filters.map((f) => filterClause(`c${f.column}`, f));
  const table = `${VIEW_PREFIX}${++viewState.counter}`;
  const view = await lazyLock(index, async () => {
    const [, total] = (await runSql({
      file: index.db.name,
      pragmas: INDEX_WRITE_PRAGMAS,
      steps: [
        { mode: "exec", sql: `create table ${table} (pos integer primary key, rid integer not null)` },
        {
          mode: "run",
          sql: `insert into ${table} (rid) select ${rid} from ${from} ${joins.join(" ")} where ${clauses.map((c) => c.sql).join(" and ")} order by ${base ? "s.pos" : rid}`,
          params: clauses.flatMap((c) => c.params),
        },
      ],
    })) as [null, number];
    return { table, total };
  });
  cache.set(key, view);
  const evicted: string[] = [];
  while (cache.size > MAX_VIEWS) {
    const [oldKey, old] = cache.entries().next().value!;
    cache.delete(oldKey);
    evicted.push(old.table);
  }
  if (evicted.length > 0) await lazyLock(index, () => writeIndex(index, evicted.map((t) => `drop table if exists ${t};`).join(" ")));
  return view;
}

async function dropLeftoverViews(index: OpenIndex): Promise<void> {
  await lazyLock(index, async () => {
    const known = new Set([...(views.get(index.db)?.values() ?? [])].map((v) => v.table));
    const leftover = index.db
      .prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name like 'fview\\_%' escape '\\'")
      .all()
      .map((r) => r.name)
      .filter((name) => !known.has(name));
    if (leftover.length > 0) await writeIndex(index, leftover.map((t) => `drop table if exists ${t};`).join(" "));
  });
}
