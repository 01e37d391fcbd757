/**
 * The one interface to the metadata database, whichever it is (issue 11): SQLite by default, PostgreSQL
 * with ARCA_DATABASE_URL. Queries are written once in the SQL both understand (see db/README.md:
 * `?` placeholders, `returning`, `on conflict`, camelCase aliases) and run through this interface;
 * the PostgreSQL driver translates what differs mechanically (placeholders, alias case, LIKE's case).
 *
 * Everything is async, because PostgreSQL is. On SQLite the calls still complete synchronously
 * underneath; transactions hold a write lock across their awaits, and reads outside a transaction use
 * a second connection, so no caller ever sees another's uncommitted work (db/sql/sqlite.ts).
 */
export type Dialect = "sqlite" | "postgres";

export type SqlParam = string | number | bigint | null | Uint8Array;

export interface RunResult {
  /** Rows the statement inserted, updated or deleted. */
  changes: number;
}

export interface TransactionOptions {
  /**
   * PostgreSQL: "serializable" retries the whole callback on a serialization failure or deadlock
   * (so it must be safe to run again: no side effects outside the database). Default "read committed",
   * with row locks (`for update`) where a transaction reads what it then writes. SQLite transactions
   * are serial whatever this says.
   */
  isolation?: "read committed" | "serializable";
}

export interface Sql {
  readonly dialect: Dialect;
  /** Every row. */
  all<R>(text: string, params?: readonly SqlParam[]): Promise<R[]>;
  /** The first row, or undefined. */
  get<R>(text: string, params?: readonly SqlParam[]): Promise<R | undefined>;
  /** A statement whose rows, if any, are not wanted. */
  run(text: string, params?: readonly SqlParam[]): Promise<RunResult>;
  /** The same statement once per parameter row, in order (bulk inserts); one round trip where the driver allows. */
  runMany(text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside, use
   * the `tx` it is given, never the outer handle (which would wait for this very transaction on SQLite).
   * Called on a `tx`, it nests as a savepoint.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface Database extends Sql {
  /**
   * Runs `fn` holding the lock named `key` for every instance on this database, for critical sections
   * that include work outside it (a blob's bytes and its row: publication vs garbage collection).
   * PostgreSQL: an advisory lock, held on a connection of its own so `fn` may query freely. SQLite:
   * one process serves the file, so a lock in this process.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * A number that changes whenever anyone (this process, another, a CLI) commits a change to the
   * database, read in about a microsecond; null where that cannot be known so cheaply (PostgreSQL,
   * an in-memory SQLite). Answers computed from the database alone stay valid while it is unchanged
   * (server/http/read-cache.ts).
   */
  changeStamp(): number | null;
  close(): Promise<void>;
}
