import type Database from "better-sqlite3";
import type { ServiceContext } from "../../context";
import { withKeyLock } from "../locks";
import { runSql } from "../../workers/sqlite";
import type { ColumnType } from "./columns";
import { ensureColumn, readyIndex } from "./query";
import type { OpenIndex, TableRef } from "./registry";

/**
 * Per-column summaries over the whole table (not the page), as the Hugging Face dataset viewer shows
 * them: null count, a histogram for numbers, the most frequent values for strings and booleans.
 * Computed from the index's column tables (`col_K`, the same ones sorting and filtering use) and kept
 * in the index file's `meta` table: the index is keyed by the parts' digests, so a summary is computed
 * once per table contents and shared by every version holding those parts.
 */

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 5;
// Bump when the summary's shape or rules change: older cached summaries are then recomputed.
const CACHE_KEY = "summary-v1";

export interface Histogram {
  min: number;
  max: number;
  /** Width of each bin; bin i holds [min + i·width, min + (i+1)·width), the last one includes max. */
  width: number;
  counts: number[];
}

export interface TopValues {
  /** Most frequent first, ties by value. Booleans are `true` / `false`. */
  values: { value: string | boolean; count: number }[];
  distinct: number;
}

export interface ColumnSummary {
  name: string;
  type: ColumnType;
  nulls: number;
  /** Cells that are numbers (int or float); the histogram covers exactly these. */
  numbers: number;
  histogram: Histogram | null;
  top: TopValues | null;
}

export interface TableSummary {
  rows: number;
  columns: ColumnSummary[];
  computeMs: number;
}

const NUMERIC: ColumnType[] = ["int", "float", "number", "mixed"];
const TEXT: ColumnType[] = ["string", "mixed"];

/**
 * Bins for values in [min, max]. Integers in a short range get one bin per value (a label column
 * 0…9 shows ten bars, not twenty with gaps); other integers get whole-number widths.
 */
export function histogramBins(min: number, max: number, integer: boolean, bins = HISTOGRAM_BINS): { width: number; count: number } {
  if (integer) {
    const span = max - min + 1;
    if (span <= bins) return { width: 1, count: span };
    const width = Math.ceil(span / bins);
    return { width, count: Math.ceil(span / width) };
  }
  if (max === min) return { width: 1, count: 1 };
  return { width: (max - min) / bins, count: bins };
}

const summaries = new WeakMap<Database.Database, TableSummary>();

export async function getTableSummary(ctx: ServiceContext, ref: TableRef): Promise<TableSummary> {
  const index = await readyIndex(ctx, ref);
  const memo = summaries.get(index.db);
  if (memo) return memo;
  // One computation per index at a time: a second request waits and then reads the cached one.
  return withKeyLock(`table-summary:${index.db.name}`, async () => {
    const cached = summaries.get(index.db) ?? readCached(index.db);
    if (cached) {
      summaries.set(index.db, cached);
      return cached;
    }
    const summary = await computeSummary(index);
    index.db.prepare("insert or replace into meta (k, v) values (?, ?)").run(CACHE_KEY, JSON.stringify(summary));
    summaries.set(index.db, summary);
    return summary;
  });
}

function readCached(db: Database.Database): TableSummary | null {
  const row = db.prepare<[string], { v: string }>("select v from meta where k = ?").get(CACHE_KEY);
  return row ? (JSON.parse(row.v) as TableSummary) : null;
}

async function computeSummary(index: OpenIndex): Promise<TableSummary> {
  const started = performance.now();
  const columns: ColumnSummary[] = [];
  // The aggregates scan whole columns (seconds at a million rows): in a worker thread, like sorting.
  const read: Read = async (mode, sql, params = []) => (await runSql({ file: index.db.name, steps: [{ mode, sql, params }] }))[0];
  for (const [k, column] of index.meta.columns.entries()) {
    const table = await ensureColumn(index, k);
    columns.push(await summarizeColumn(read, table, column.name, column.type));
  }
  return { rows: index.meta.rows, columns, computeMs: Math.round(performance.now() - started) };
}

const IS_NUMBER = "typeof(v) in ('integer', 'real')";

/** One statement on the index file, answered by a worker: its row (get) or rows (all). */
type Read = (mode: "get" | "all", sql: string, params?: unknown[]) => Promise<unknown>;

async function summarizeColumn(read: Read, table: string, name: string, type: ColumnType): Promise<ColumnSummary> {
  const stats = (await read(
    "get",
    `select count(*) - count(v) as nulls, coalesce(sum(${IS_NUMBER}), 0) as numbers, coalesce(sum(typeof(v) = 'integer'), 0) as ints,
        min(case when ${IS_NUMBER} then v end) as lo, max(case when ${IS_NUMBER} then v end) as hi from ${table}`,
  )) as { nulls: number; numbers: number; ints: number; lo: number | null; hi: number | null };
  const summary: ColumnSummary = { name, type, nulls: stats.nulls, numbers: stats.numbers, histogram: null, top: null };
  if (NUMERIC.includes(type) && stats.numbers > 0 && stats.lo !== null && stats.hi !== null) {
    summary.histogram = await histogram(read, table, stats.lo, stats.hi, stats.ints === stats.numbers);
  }
  if (type === "bool") summary.top = await topBooleans(read, table);
  else if (TEXT.includes(type)) summary.top = await topText(read, table);
  return summary;
}

async function histogram(read: Read, table: string, min: number, max: number, integer: boolean): Promise<Histogram> {
  const { width, count } = histogramBins(min, max, integer);
  const counts = new Array<number>(count).fill(0);
  // Floor of the offset in bins; the maximum falls in the last bin rather than one past it.
  const bins = (await read("all", `select min(cast((v - ?) / ? as integer), ?) as b, count(*) as c from ${table} where ${IS_NUMBER} group by b`, [
    min,
    width,
    count - 1,
  ])) as { b: number; c: number }[];
  for (const { b, c } of bins) counts[Math.max(0, b)]! += c;
  return { min, max, width, counts };
}

async function topText(read: Read, table: string): Promise<TopValues | null> {
  const rows = (await read(
    "all",
    `with g as materialized (select v, count(*) as c from ${table} where typeof(v) = 'text' group by v)
       select v as value, c as count, (select count(*) from g) as "distinct" from g order by c desc, v limit ?`,
    [TOP_VALUES],
  )) as { value: string; count: number; distinct: number }[];
  if (rows.length === 0) return null;
  return { values: rows.map((r) => ({ value: r.value, count: r.count })), distinct: rows[0]!.distinct };
}

async function topBooleans(read: Read, table: string): Promise<TopValues | null> {
  // Booleans are 1/0 in the column table (`->>`); JSON numbers 1/0 would be typed int, not bool.
  const rows = (await read("all", `select v, count(*) as c from ${table} where v in (0, 1) group by v order by c desc, v desc`)) as { v: number; c: number }[];
  if (rows.length === 0) return null;
  return { values: rows.map((r) => ({ value: r.v === 1, count: r.c })), distinct: rows.length };
}
