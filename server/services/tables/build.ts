import fs from "node:fs";
import Database from "better-sqlite3";
import { isDomainError, PayloadTooLargeError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
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

/**
 * Builds the index of a table into `file`: one SQLite file whose `rows` table holds each data row
 * as JSON text with rowid = global row number, so a page at any offset is a rowid range.
 * The part text goes to SQLite's JSON parser in one statement per part (json_each), which is
 * about as fast as JSON.parse alone and avoids one N-API call per row (measured in docs/tables.md).
 * Written to a temporary file and renamed: an index file that exists is complete.
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
  const db = new Database(tmp);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.exec("create table meta (k text primary key, v text not null); create table rows (j text not null)");
    const insert = db.prepare("insert into rows (rowid, j) select ? + key, value from json_each(?, '$.data')");
    const progress: BuildProgress = { partsDone: 0, partsTotal: source.parts.length, rows: 0, bytesDone: 0, bytesTotal: source.bytes };
    const parts: IndexMeta["parts"] = [];
    let names: string[] | null = null;
    let firstPath = "";
    db.exec("begin");
    for (const part of source.parts) {
      const text = await readBlobText(ctx, part.sha256);
      const columns = readColumns(db, text, part.path);
      if (names === null) {
        names = columns;
        firstPath = part.path;
      } else if (!sameColumns(names, columns)) {
        throw new ValidationError(describeMismatch(part.path, columns, firstPath, names));
      }
      const rowStart = progress.rows;
      let added: number;
      try {
        added = insert.run(rowStart, text).changes;
      } catch (error) {
        throw malformed(db, text, part.path, error);
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
      // Give other requests a turn between parts: a part of 10,000 rows is ~15 ms of work.
      await new Promise((resolve) => setImmediate(resolve));
    }
    db.exec("commit");
    const sample = samplePerPart(db, parts);
    const meta: IndexMeta = { columns: inferColumns(names ?? [], sample), rows: progress.rows, parts, buildMs: Math.round(performance.now() - started) };
    db.prepare("insert into meta (k, v) values ('meta', ?)").run(JSON.stringify(meta));
    db.close();
    fs.renameSync(tmp, file);
    return meta;
  } catch (error) {
    if (db.open) db.close();
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

function readColumns(db: Database.Database, text: string, file: string): string[] {
  let header: ReturnType<typeof readTableHeader>;
  try {
    header = readTableHeader(text, file);
  } catch (error) {
    if (isDomainError(error) && error.code === "VALIDATION") throw error;
    throw malformed(db, text, file, error);
  }
  if (header.dataAt !== null && text[header.dataAt] !== "[") {
    throw new ValidationError(`${file} is not a W&B table: "data" must be an array of rows (${where(text, header.dataAt)})`);
  }
  if (header.columns && header.dataAt !== null) return header.columns;
  // `columns` after `data`, or no `data`: let SQLite parse the whole text once more.
  let found: { c: string | null; d: string | null } | undefined;
  try {
    found = db.prepare<[string], { c: string | null; d: string | null }>("select json_extract(?1, '$.columns') as c, json_type(?1, '$.data') as d").get(text);
  } catch (error) {
    throw malformed(db, text, file, error);
  }
  if (!found?.c) throw new ValidationError(`${file} is not a W&B table: it has no "columns" list`);
  if (found.d !== "array") throw new ValidationError(`${file} is not a W&B table: it has no "data" array of rows`);
  return toColumns(JSON.parse(found.c), file);
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
function malformed(db: Database.Database, text: string, file: string, cause: unknown): Error {
  const at = db.prepare<[string], { p: number }>("select json_error_position(?) as p").get(text)?.p ?? 0;
  if (at <= 0) return cause instanceof Error ? cause : new Error(String(cause));
  // json_error_position counts characters from 1.
  const offset = at - 1;
  const near = JSON.stringify(text.slice(Math.max(0, offset - 20), offset + 20));
  return new ValidationError(`${file} is not valid JSON: error at ${where(text, offset)} (character ${at}), near ${near}`, { cause });
}

function samplePerPart(db: Database.Database, parts: IndexMeta["parts"]): unknown[][] {
  const select = db.prepare<[number, number], { j: string }>("select j from rows where rowid >= ? and rowid < ?");
  const sample: unknown[][] = [];
  for (const p of parts) {
    for (const r of select.all(p.rowStart, p.rowStart + Math.min(p.rows, SAMPLE_PER_PART))) {
      const row = parseTableJson(r.j);
      if (Array.isArray(row)) sample.push(row);
    }
  }
  return sample;
}
