import { createHash } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import { openDb } from "./client";
import { migratePostgres } from "./sql/migrate-postgres";
import { PostgresDatabase } from "./sql/postgres";
import type { Sql, SqlParam } from "./sql/sql";

/**
 * `arca admin migrate-to-postgres` (issue 11): copies every table of a SQLite store into an empty
 * PostgreSQL database in one transaction (all of it or nothing), then checks each table's row count and
 * a digest of its rows on both sides. The bytes stay where they are: blobs are not in the database.
 */
export interface TableReport {
  table: string;
  rows: number;
  digest: string;
}

export class TargetNotEmptyError extends Error {}
export class CopyMismatchError extends Error {}

const BATCH = 2000;

/** The SQLite side, read synchronously: the copy runs alone, with the server stopped. */
interface SqliteSource {
  sqlite: BetterSqlite3.Database;
}

/** Copies the SQLite database `file` (migrated first, as the server would) into the empty PostgreSQL database `url`. */
export async function copySqliteToPostgres(file: string, url: string, onTable: (report: TableReport) => void = () => undefined): Promise<TableReport[]> {
  const opened = openDb(file).sql;
  try {
    return await copyInto({ sqlite: opened.connection }, url, onTable);
  } finally {
    await opened.close();
  }
}

async function copyInto(source: SqliteSource, url: string, onTable: (report: TableReport) => void): Promise<TableReport[]> {
  const target = new PostgresDatabase(url, { max: 2 });
  try {
    await migratePostgres(target);
    const tables = tablesInDependencyOrder(source);
    for (const { name } of tables) {
      const held = (await target.get<{ n: number }>(`select count(*) as n from ${name}`))!.n;
      if (held > 0) throw new TargetNotEmptyError(`the PostgreSQL database already holds data (${held} rows in ${name}): migrate into an empty database`);
    }
    await target.transaction(async (tx) => {
      for (const table of tables) await copyTable(source, tx, table);
    });
    const reports: TableReport[] = [];
    for (const table of tables) {
      const [from, to] = [digestSqlite(source, table), await digestPostgres(target, table)];
      if (from.rows !== to.rows || from.digest !== to.digest) {
        throw new CopyMismatchError(`${table.name}: SQLite has ${from.rows} rows (digest ${from.digest}), PostgreSQL ${to.rows} (digest ${to.digest})`);
      }
      const report = { table: table.name, ...from };
      reports.push(report);
      onTable(report);
    }
    // Fresh statistics: until autovacuum gets to the new rows the planner guesses, and a guess on 100,000
    // versions was 25x slower for the grid's first page.
    await target.run("analyze");
    return reports;
  } finally {
    await target.close();
  }
}

interface Table {
  name: string;
  columns: string[];
  /** The primary key column (every metadata table has a single-column one): PostgreSQL is read back in its order. */
  key: string;
  /** An integer primary key PostgreSQL numbers with an identity sequence, which must go on past the copied ids. */
  identity: string | null;
}

/** The metadata tables, parents before children (foreign keys are checked row by row as the copy goes). */
function tablesInDependencyOrder({ sqlite }: SqliteSource): Table[] {
  const names = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name").all() as { name: string }[]).map((r) => r.name);
  const parents = new Map(names.map((n) => [n, (sqlite.prepare(`pragma foreign_key_list(${n})`).all() as { table: string }[]).map((f) => f.table).filter((t) => t !== n)]));
  const ordered = new Set<string>();
  const visit = (name: string) => {
    if (ordered.has(name)) return;
    for (const parent of parents.get(name) ?? []) visit(parent);
    ordered.add(name);
  };
  names.forEach(visit);
  return [...ordered].map((name) => {
    const info = sqlite.prepare(`pragma table_info(${name})`).all() as { name: string; type: string; pk: number }[];
    const keys = info.filter((c) => c.pk > 0);
    if (keys.length !== 1) throw new Error(`${name} has no single-column primary key: the copy cannot check it`);
    const key = keys[0]!;
    return { name, columns: info.map((c) => c.name), key: key.name, identity: key.type.toLowerCase() === "integer" ? key.name : null };
  });
}

async function copyTable({ sqlite }: SqliteSource, tx: Sql, { name, columns, identity }: Table): Promise<void> {
  const insert = `insert into ${name} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`;
  const page = sqlite.prepare(`select rowid as _rowid, ${columns.join(", ")} from ${name} where rowid > ? order by rowid limit ${BATCH}`).raw(true);
  for (let after = -Infinity; ; ) {
    const rows = page.all(after) as unknown[][];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]![0] as number;
    await tx.runMany(insert, rows.map((r) => r.slice(1) as SqlParam[]));
  }
  if (identity) {
    await tx.get(`select setval(pg_get_serial_sequence('${name}', '${identity}'), coalesce((select max(${identity}) from ${name}), 0) + 1, false) as v`);
  }
}

/**
 * Row count and an order-free digest (the sum of each row's SHA-256, mod 2^128): the two databases may
 * sort text differently, and a sum still changes when any row is missing, added, doubled or altered.
 */
class Digest {
  rows = 0;
  #sum = 0n;

  add(row: unknown[]): void {
    const hash = createHash("sha256");
    for (const value of row) hash.update(canonical(value)).update("\u0000");
    this.#sum = (this.#sum + BigInt(`0x${hash.digest("hex").slice(0, 32)}`)) % (1n << 128n);
    this.rows++;
  }

  result(): { rows: number; digest: string } {
    return { rows: this.rows, digest: this.#sum.toString(16).padStart(32, "0") };
  }
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) return "n";
  if (typeof value === "number" || typeof value === "bigint") return `i${String(value)}`;
  if (typeof value === "string") return `s${value}`;
  if (Buffer.isBuffer(value)) return `b${value.toString("hex")}`;
  return `?${JSON.stringify(value)}`;
}

function digestSqlite({ sqlite }: SqliteSource, { name, columns }: Table): { rows: number; digest: string } {
  const digest = new Digest();
  for (const row of sqlite.prepare(`select ${columns.join(", ")} from ${name}`).raw(true).iterate() as Iterable<unknown[]>) digest.add(row);
  return digest.result();
}

async function digestPostgres(db: PostgresDatabase, { name, columns, key }: Table): Promise<{ rows: number; digest: string }> {
  const digest = new Digest();
  const select = `select ${columns.join(", ")} from ${name}`;
  for (let after: SqlParam | undefined; ; ) {
    const rows =
      after === undefined
        ? await db.all<Record<string, unknown>>(`${select} order by ${key} limit ${BATCH}`)
        : await db.all<Record<string, unknown>>(`${select} where ${key} > ? order by ${key} limit ${BATCH}`, [after]);
    for (const row of rows) digest.add(columns.map((c) => row[c]));
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]![key] as SqlParam;
  }
  return digest.result();
}
