import { ValidationError } from "../../errors";

/**
 * Reading the W&B table formats (SPEC §8) without parsing the data: the header keys of a
 * `*.table.json` are read by a small scanner, the `data` array is left to SQLite's JSON parser
 * (the index build hands it the whole text; see build.ts).
 */

export const TABLE_SUFFIX = ".table.json";
export const PARTITIONED_SUFFIX = ".partitioned-table.json";
/** W&B's JoinedTable: `{"_type":"joined-table","table1":path,"table2":path,"join_key":key or [key1, key2]}`. */
export const JOINED_SUFFIX = ".joined-table.json";

export type TableKind = "table" | "partitioned" | "joined";

export function tableKindOf(path: string): TableKind | null {
  if (path.endsWith(PARTITIONED_SUFFIX)) return "partitioned";
  if (path.endsWith(JOINED_SUFFIX)) return "joined";
  if (path.endsWith(TABLE_SUFFIX)) return "table";
  return null;
}

/** Natural order of part paths (`table_2` before `table_10`), as SPEC §8 asks; stable and locale-free. */
export function naturalCompare(a: string, b: string): number {
  const chunk = /(\d+|\D+)/g;
  const xs = a.match(chunk) ?? [];
  const ys = b.match(chunk) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
      if (x.length !== y.length) return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return xs.length - ys.length;
}

/** Line and column (1-based) of a character offset, for error messages people can act on. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const WS = /\s/;

/**
 * Reads the top-level keys of a table file up to `data`, skipping small values with a scanner.
 * W&B writes `_type` and `columns` before `data`, so this reads a few hundred bytes; when
 * `columns` comes after `data` the caller falls back to a full JSON parse (`parseColumns`).
 */
export function readTableHeader(text: string, file: string): { columns: string[] | null; dataAt: number | null } {
  let i = skipWs(text, 0);
  if (text[i] !== "{") throw new ValidationError(`${file} is not a W&B table: expected a JSON object at line 1, column ${i + 1}`);
  i++;
  let columns: string[] | null = null;
  for (;;) {
    i = skipWs(text, i);
    if (text[i] === "}") return { columns, dataAt: null };
    if (text[i] !== '"') return { columns, dataAt: null }; // malformed: json_each reports where
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (text[i] !== ":") return { columns, dataAt: null };
    i = skipWs(text, i + 1);
    if (key === "data") return { columns, dataAt: i };
    const end = skipValue(text, i);
    if (key === "columns") columns = toColumns(JSON.parse(text.slice(i, end)), file);
    i = skipWs(text, end);
    if (text[i] === ",") i++;
  }
}

export function toColumns(value: unknown, file: string): string[] {
  if (!Array.isArray(value)) throw new ValidationError(`${file} is not a W&B table: "columns" must be an array of column names`);
  return value.map((c) => (typeof c === "string" ? c : JSON.stringify(c)));
}

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.test(text[i]!)) i++;
  return i;
}

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++; // backslash: skip the escaped character
    else if (c === 34) return j + 1;
  }
  return text.length;
}

/** End of the JSON value starting at `i` (bracket depth and strings only: validity is checked elsewhere). */
function skipValue(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"') {
      j = skipString(text, j) - 1;
      if (depth === 0) return j + 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) return j;
      depth--;
      if (depth === 0) return j + 1;
    } else if (depth === 0 && (c === "," || WS.test(c))) return j;
  }
  return text.length;
}
