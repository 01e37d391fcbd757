import { PAGE_SIZES, type UrlFilter } from "./search-params";

/** Pure rules of the table grid (unit-tested in grid-logic.test.ts). */

export interface GridColumn {
  name: string;
  type: string;
}

const NUMERIC = new Set(["int", "float", "number"]);

/**
 * The column the "Add filter" form starts on: the first string column (a label or a caption is what
 * people filter by), else the first column that is not an image or nested JSON, else the first.
 */
export function defaultFilterColumn(columns: GridColumn[]): string {
  const pick = columns.find((c) => c.type === "string") ?? columns.find((c) => !["image", "media", "json"].includes(c.type)) ?? columns[0];
  return pick?.name ?? "";
}

/** The operator a column's type suggests: a range for numbers, equality for booleans, "contains" otherwise. */
export function defaultFilterOp(type: string | undefined): UrlFilter["op"] {
  if (type && NUMERIC.has(type)) return "range";
  if (type === "bool") return "eq";
  return "contains";
}

/**
 * A column that already identifies rows (W&B tables often start with a 0-based `id`). The grid then
 * shows no row number beside it (docs/tables.md, "Row numbers"): "#" 1 next to id 0 read as an off-by-one.
 */
export function idColumn(columns: GridColumn[]): string | null {
  return columns.find((c) => /^(id|row_?id|index)$/i.test(c.name) && (NUMERIC.has(c.type) || c.type === "string"))?.name ?? null;
}

export type ApiFilter =
  | { column: number; op: "eq" | "contains"; value: string }
  | { column: number; op: "range"; min?: number; max?: number }
  | { column: number; op: "null" | "notnull" };

/** URL filters name columns; the API numbers them. Filters on unknown columns are ignored. */
export function toApiFilter(f: UrlFilter, names: string[]): ApiFilter[] {
  const column = names.indexOf(f.c);
  if (column < 0) return [];
  if (f.op === "eq" || f.op === "contains") return [{ column, op: f.op, value: f.v ?? "" }];
  if (f.op === "range") return [{ column, op: "range", min: f.min, max: f.max }];
  return [{ column, op: f.op }];
}

/**
 * Where "next"/"previous" in the row drawer goes, in the order the grid shows (sorted, filtered):
 * the neighbour on the page, or the first/last row of the neighbouring page.
 */
export type RowStep = { row: number } | { page: number; take: "first" | "last" } | null;

export function stepRow(pageRows: number[], open: number, delta: 1 | -1, page: number, pageCount: number): RowStep {
  const at = pageRows.indexOf(open);
  if (at < 0) return null;
  const next = pageRows[at + delta];
  if (next !== undefined) return { row: next };
  if (delta === 1 && page < pageCount) return { page: page + 1, take: "first" };
  if (delta === -1 && page > 1) return { page: page - 1, take: "last" };
  return null;
}

/**
 * Column widths that use the whole width of the grid: columns the user resized keep their width,
 * `fixed` ones (the row column) keep their base, and the rest share what is left in proportion to
 * their base widths. Narrower than the columns' total: base widths, and the grid scrolls sideways.
 */
export function fillSizes(base: Record<string, number>, resized: Record<string, number>, width: number, fixed: ReadonlySet<string> = new Set()): Record<string, number> {
  const ids = Object.keys(base);
  const flexible = ids.filter((id) => resized[id] === undefined && !fixed.has(id));
  const taken = ids.filter((id) => !flexible.includes(id)).reduce((sum, id) => sum + (resized[id] ?? base[id]!), 0);
  const flexBase = flexible.reduce((sum, id) => sum + base[id]!, 0);
  const extra = Math.max(0, width - taken - flexBase);
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = flexible.includes(id) && flexBase > 0 ? Math.floor(base[id]! + (extra * base[id]!) / flexBase) : (resized[id] ?? base[id]!);
  return out;
}

/**
 * The rows the grid asks for first, from the URL's view (page, size, sort, filters): shared by the grid and
 * the pages that prefetch it on the server (issue 13), so both ask the same query.
 */
export function gridPage(
  ref: { entity: string; project: string; name: string; version: string; path: string },
  columns: { name: string }[],
  q: { page: number; size: number; sort: string | null; order: "asc" | "desc"; f: UrlFilter[] },
) {
  const names = columns.map((c) => c.name);
  const size = (PAGE_SIZES as readonly number[]).includes(q.size) ? q.size : 50;
  const sortColumn = q.sort ? names.indexOf(q.sort) : -1;
  const sort = sortColumn >= 0 ? { column: sortColumn, desc: q.order === "desc" } : null;
  const filters = q.f.flatMap((f) => toApiFilter(f, names));
  // The total of a filtered view comes with its first page; until then, page 1 is the safe guess.
  const page = Math.max(1, q.page);
  return { names, size, sort, filters, page, input: { ...ref, offset: (page - 1) * size, limit: size, sort, filters } };
}
