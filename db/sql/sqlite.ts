import fs from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { ambientTransaction, runAmbient } from "./ambient";
import { KeyLocks } from "./key-lock";
import type { Database, RunResult, Sql, SqlParam } from "./sql";

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** Runs `PRAGMA wal_checkpoint(PASSIVE)` on the database file from another connection (and thread). */
export type Checkpointer = (file: string) => Promise<void>;

/**
 * About SQLite's own threshold (1,000 pages of 4 KiB). The WAL file is also cut back to this size when
 * it restarts after a checkpoint (journal_size_limit): a file still larger means new frames since.
 */
const CHECKPOINT_WAL_BYTES = 4 * 1024 * 1024;

/** Serializes the writers of one connection: a transaction holds it across its awaits. */
class WriteLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
}

/** Compiles each SQL text once per connection (hot read paths run the same few thousands of times). */
class Statements {
  readonly #cache = new Map<string, Statement>();
  constructor(readonly connection: Connection) {}

  get(text: string): Statement {
    let s = this.#cache.get(text);
    if (!s) this.#cache.set(text, (s = this.connection.prepare(withoutRowLocks(text))));
    return s;
  }
}

/**
 * SQLite has no row locks and needs none (its writers are serial): `for update` / `for share` (with
 * `skip locked` or `nowait`), which the queries write for PostgreSQL, is dropped here.
 */
export function withoutRowLocks(text: string): string {
  return text.replace(/\s+for\s+(?:update|share)(?:\s+(?:skip\s+locked|nowait))?\b/gi, "");
}

function configure(connection: Connection): Connection {
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 5000");
  return connection;
}

const changes = (r: BetterSqlite3.RunResult): RunResult => ({ changes: r.changes });

/** A synchronous call as a promise: its throw becomes a rejection, as a real database's error would. */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * SQLite behind the async interface. One connection writes, under a lock that a transaction holds
 * from BEGIN IMMEDIATE to COMMIT across its awaits; reads outside a transaction go to a second,
 * read-only connection, which in WAL mode sees the last commit and never a transaction in progress.
 * (An in-memory database cannot be shared between connections: there both are one, which is fine
 * for a test that runs one thing at a time.)
 */
export class SqliteDatabase implements Database {
  readonly dialect = "sqlite" as const;
  readonly #writer: Statements;
  readonly #reader: Statements;
  readonly #lock = new WriteLock();
  readonly #keyLocks = new KeyLocks();

  readonly #checkpoint: Checkpointer | undefined;
  #checkpointing = false;

  /**
   * `checkpoint`: copies the WAL into the database file elsewhere (the server: a worker thread). SQLite
   * does it itself on the COMMIT after which the WAL passes ~4 MB, inside that call: after a
   * 200,000-entry commit that copied and synced ~17 MB while the event loop waited. Given one, the
   * writer stops doing so, and a commit that leaves the WAL past that size asks for one instead.
   */
  constructor(
    readonly file: string,
    writer: Connection = configure(new BetterSqlite3(file)),
    checkpoint?: Checkpointer,
  ) {
    this.#writer = new Statements(writer);
    this.#reader = file === ":memory:" ? this.#writer : new Statements(configure(new BetterSqlite3(file, { readonly: true })));
    this.#checkpoint = file === ":memory:" ? undefined : checkpoint;
    if (this.#checkpoint) {
      writer.pragma("wal_autocheckpoint = 0");
      writer.pragma(`journal_size_limit = ${CHECKPOINT_WAL_BYTES}`);
    }
  }

  /** After a write committed: a checkpoint elsewhere once the WAL has grown past SQLite's own threshold. */
  #afterCommit(): void {
    if (!this.#checkpoint || this.#checkpointing) return;
    let size: number;
    try {
      size = fs.statSync(`${this.file}-wal`).size;
    } catch {
      return;
    }
    if (size <= CHECKPOINT_WAL_BYTES) return;
    this.#checkpointing = true;
    this.#checkpoint(this.file)
      .catch((error: unknown) => console.error("[arca] WAL checkpoint failed (the next commit asks again)", error))
      .finally(() => (this.#checkpointing = false));
  }

  /**
   * SQLite's `data_version` as the read connection sees it: it changes when any other connection, in
   * this process (the writer) or another (a CLI), commits. In memory, reader and writer are one
   * connection, whose own commits do not change it: no stamp there.
   */
  changeStamp(): number | null {
    if (this.#reader === this.#writer) return null;
    return this.#reader.get("pragma data_version").pluck().get() as number;
  }

  /** The writing connection (migrations, and the code not yet on this interface). */
  get connection(): Connection {
    return this.#writer.connection;
  }

  async all<R>(text: string, params: readonly SqlParam[] = []): Promise<R[]> {
    const tx = ambientTransaction(this);
    if (tx) return tx.all<R>(text, params);
    const read = this.#reader.get(text);
    if (read.readonly) return read.all(...params) as R[];
    return this.#write(() => this.#writer.get(text).all(...params) as R[]);
  }

  async get<R>(text: string, params: readonly SqlParam[] = []): Promise<R | undefined> {
    const tx = ambientTransaction(this);
    if (tx) return tx.get<R>(text, params);
    const read = this.#reader.get(text);
    if (read.readonly) return read.get(...params) as R | undefined;
    return this.#write(() => this.#writer.get(text).get(...params) as R | undefined);
  }

  async run(text: string, params: readonly SqlParam[] = []): Promise<RunResult> {
    const tx = ambientTransaction(this);
    if (tx) return tx.run(text, params);
    return this.#write(() => changes(this.#writer.get(text).run(...params)));
  }

  async runMany(text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult> {
    return this.transaction((tx) => tx.runMany(text, rows));
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const ambient = ambientTransaction(this);
    if (ambient) return ambient.transaction(fn);
    const release = await this.#lock.acquire();
    const connection = this.#writer.connection;
    try {
      connection.exec("BEGIN IMMEDIATE");
      const tx = new SqliteTransaction(this.#writer);
      try {
        const result = await runAmbient(this, tx, fn);
        tx.end();
        connection.exec("COMMIT");
        this.#afterCommit();
        return result;
      } catch (error) {
        tx.end();
        if (connection.inTransaction) connection.exec("ROLLBACK");
        throw error;
      }
    } finally {
      release();
    }
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#keyLocks.run(key, fn);
  }

  async close(): Promise<void> {
    const release = await this.#lock.acquire();
    try {
      if (this.#reader !== this.#writer) this.#reader.connection.close();
      this.#writer.connection.close();
    } finally {
      release();
    }
  }

  async #write<T>(fn: () => T): Promise<T> {
    const release = await this.#lock.acquire();
    try {
      return fn();
    } finally {
      release();
      this.#afterCommit();
    }
  }
}

/** The statements of one open transaction, straight on the writing connection (its lock is held). */
class SqliteTransaction implements Sql {
  readonly dialect = "sqlite" as const;
  #ended = false;
  #savepoints = 0;

  constructor(private readonly statements: Statements) {}

  end(): void {
    this.#ended = true;
  }

  all<R>(text: string, params: readonly SqlParam[] = []): Promise<R[]> {
    return settle(() => this.#statement(text).all(...params) as R[]);
  }

  get<R>(text: string, params: readonly SqlParam[] = []): Promise<R | undefined> {
    return settle(() => this.#statement(text).get(...params) as R | undefined);
  }

  run(text: string, params: readonly SqlParam[] = []): Promise<RunResult> {
    return settle(() => changes(this.#statement(text).run(...params)));
  }

  runMany(text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult> {
    return settle(() => {
      const statement = this.#statement(text);
      let total = 0;
      for (const row of rows) total += statement.run(...row).changes;
      return { changes: total };
    });
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `sp${++this.#savepoints}`;
    const connection = this.statements.connection;
    this.#check();
    connection.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      connection.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      connection.exec(`ROLLBACK TO ${name}`);
      connection.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  #statement(text: string): Statement {
    this.#check();
    return this.statements.get(text);
  }

  #check(): void {
    if (this.#ended) throw new Error("this transaction has ended: use the database handle, not the transaction's, after it");
  }
}
