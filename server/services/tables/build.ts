import fs from "node:fs";
import { isDomainError, PayloadTooLargeError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { runSql, type SqlStep } from "../../workers/sqlite";
import { parseTableJson } from "./cells";
import { inferColumns, type TableColumn } from "./columns";
import { lineColumn, readTableHeader, toColumns } from "./format";
import type { TableLimits } from "./limits";
import { readBlobText, type TableSource } from "./source";

export interface BuildProgress {
  partsDone: number;
  partsTotal: number;
  rows: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface IndexMeta {
  columns: TableColumn[];
  rows: number;
  /** First global row of each part, in part order; paths come from the version (they may differ). */
  parts: { sha256: string; rowStart: number; rows: number }[];
  buildMs: number;
}

const SAMPLE_PER_PART = 100;

/** Pragmas of a connection that writes an index file: it is a cache, losing the last write in a crash is fine. */
export const INDEX_WRITE_PRAGMAS = ["synchronous = OFF", "temp_store = MEMORY"];

/**
 * Builds the index of a table into `file`: one SQLite file whose `rows` table holds each data row
 * as JSON text with rowid = global row number, so a page at any offset is a rowid range.
 * The part text goes to SQLite's JSON parser in one statement per part (json_each), which is
 * about as fast as JSON.parse alone and avoids one N-API call per row (measured in docs/tables.md).
 * The statements run in a worker thread (server/workers/sqlite.ts): a part of a million rows is
 * seconds of SQLite work that must not stop the server. Written to a temporary file and renamed:
 * an index file that exists is complete. It is left in WAL mode, so the server's reads never wait
 * for the worker that adds sort and column tables to it later.
 */
export async function buildIndex(
  ctx: ServiceContext,
  source: TableSource,
  file: string,
  limits: TableLimits,
  onProgress: (p: BuildProgress) => void,
): Promise<IndexMeta> {
  const started = performance.now();
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const sql = (...steps: SqlStep[]) => runSql({ file: tmp, pragmas: ["journal_mode = OFF", "synchronous = OFF"], steps });
  try {
    await sql({ mode: "exec", sql: "create table meta (k text primary key, v text not null); create table rows (j text not null)" });
    const progress: BuildProgress = { partsDone: 0, partsTotal: source.parts.length, rows: 0, bytesDone: 0, bytesTotal: source.bytes };
    const parts: IndexMeta["parts"] = [];
    let names: string[] | null = null;
    let firstPath = "";
    for (const part of source.parts) {
      const text = await readBlobText(ctx, part.sha256);
      const columns = await readColumns(tmp, text, part.path);
      if (names === null) {
        names = columns;
        firstPath = part.path;
      } else if (!sameColumns(names, columns)) {
        throw new ValidationError(describeMismatch(part.path, columns, firstPath, names));
      }
      const rowStart = progress.rows;
      let added: number;
      try {
        [added] = (await sql({ mode: "run", sql: "insert into rows (rowid, j) select ? + key, value from json_each(?, '$.data')", params: [rowStart, text] })) as [number];
      } catch (error) {
        throw await malformed(tmp, text, part.path, error);
      }
      parts.push({ sha256: part.sha256, rowStart, rows: added });
      progress.rows += added;
      progress.bytesDone += part.size;
      progress.partsDone++;
      if (progress.rows > limits.maxRows) {
        throw new PayloadTooLargeError(
          `the table has more than ${limits.maxRows.toLocaleString("en-US")} rows, the configured limit (ARCA_TABLE_MAX_ROWS); ${part.path} passes it`,
        );
      }
      onProgress({ ...progress });
    }
    const sample = await samplePerPart(tmp, parts);
    const meta: IndexMeta = { columns: inferColumns(names ?? [], sample), rows: progress.rows, parts, buildMs: Math.round(performance.now() - started) };
    await sql({ mode: "run", sql: "insert into meta (k, v) values ('meta', ?)", params: [JSON.stringify(meta)] }, { mode: "exec", sql: "pragma journal_mode = WAL" });
    fs.renameSync(tmp, file);
    return meta;
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

async function readColumns(file: string, text: string, part: string): Promise<string[]> {
  let header: ReturnType<typeof readTableHeader>;
  try {
    header = readTableHeader(text, part);
  } catch (error) {
    if (isDomainError(error) && error.code === "VALIDATION") throw error;
    throw await malformed(file, text, part, error);
  }
  if (header.dataAt !== null && text[header.dataAt] !== "[") {
    throw new ValidationError(`${part} is not a W&B table: "data" must be an array of rows (${where(text, header.dataAt)})`);
  }
  if (header.columns && header.dataAt !== null) return header.columns;
  // `columns` after `data`, or no `data`: let SQLite parse the whole text once more.
  let found: { c: string | null; d: string | null } | null;
  try {
    [found] = (await runSql({ file, steps: [{ mode: "get", sql: "select json_extract(?1, '$.columns') as c, json_type(?1, '$.data') as d", params: [text] }] })) as [
      { c: string | null; d: string | null } | null,
    ];
  } catch (error) {
    throw await malformed(file, text, part, error);
  }
  if (!found?.c) throw new ValidationError(`${part} is not a W&B table: it has no "columns" list`);
  if (found.d !== "array") throw new ValidationError(`${part} is not a W&B table: it has no "data" array of rows`);
  return toColumns(JSON.parse(found.c), part);
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function describeMismatch(part: string, columns: string[], firstPath: string, expected: string[]): string {
  const missing = expected.filter((c) => !columns.includes(c));
  const extra = columns.filter((c) => !expected.includes(c));
  const detail = [
    missing.length ? `lacks ${missing.map((c) => JSON.stringify(c)).join(", ")}` : "",
    extra.length ? `adds ${extra.map((c) => JSON.stringify(c)).join(", ")}` : "",
  ].filter(Boolean);
  const what = detail.length ? detail.join(" and ") : "has the same columns in another order";
  return `part ${part} has different columns from ${firstPath}: it ${what}. All parts of a partitioned table must have the same columns.`;
}

function where(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/** Turns SQLite's "malformed JSON" into a sentence that names the file and the position. */
async function malformed(file: string, text: string, part: string, cause: unknown): Promise<Error> {
  const [found] = (await runSql({ file, steps: [{ mode: "get", sql: "select json_error_position(?) as p", params: [text] }] })) as [{ p: number } | null];
  const at = found?.p ?? 0;
  if (at <= 0) return cause instanceof Error ? cause : new Error(String(cause));
  // json_error_position counts characters from 1.
  const offset = at - 1;
  const near = JSON.stringify(text.slice(Math.max(0, offset - 20), offset + 20));
  return new ValidationError(`${part} is not valid JSON: error at ${where(text, offset)} (character ${at}), near ${near}`, { cause });
}

async function samplePerPart(file: string, parts: IndexMeta["parts"]): Promise<unknown[][]> {
  const select = "select j from rows where rowid >= ? and rowid < ?";
  const results = (await runSql({ file, steps: parts.map((p) => ({ mode: "all" as const, sql: select, params: [p.rowStart, p.rowStart + Math.min(p.rows, SAMPLE_PER_PART)] })) })) as {
    j: string;
  }[][];
  const sample: unknown[][] = [];
  for (const r of results.flat()) {
    const row = parseTableJson(r.j);
    if (Array.isArray(row)) sample.push(row);
  }
  return sample;
}
