import pg from "pg";
import { ambientTransaction, runAmbient } from "./ambient";
import type { Database, RunResult, Sql, SqlParam, TransactionOptions } from "./sql";
import { toPostgres } from "./translate";

/**
 * Values come back as SQLite gives them, so a query's rows have one shape on both databases:
 * 64-bit integers and numerics (count(*), sums of sizes, epoch milliseconds) as numbers, booleans
 * (exists(…), comparisons) as 1/0. Columns never hold booleans: the schema stores flags as integers.
 */
const NUMBERS = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const BOOL: number = pg.types.builtins.BOOL;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (NUMBERS.has(oid)) return (v: string) => Number(v);
    if (oid === BOOL) return (v: string) => (v === "t" ? 1 : 0);
    return pg.types.getTypeParser(oid, format ?? "text");
  },
};

/** Retried (the whole transaction) when PostgreSQL gives up on one: serialization failure, deadlock. */
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 5;
/** Connections for advisory locks (db/sql/sql.ts `withLock`): as many holders and waiters at once per instance. */
const LOCK_CONNECTIONS = 32;

/** A named prepared statement per SQL text: PostgreSQL plans it once per connection. */
const names = new Map<string, { name: string; text: string }>();
function prepared(text: string): { name: string; text: string } {
  let entry = names.get(text);
  if (!entry) names.set(text, (entry = { name: `arca_${names.size + 1}`, text: toPostgres(text) }));
  return entry;
}

/** Where a multi-row VALUES can replace `runMany`'s loop: `insert … values (?, ?, …) [tail]`. */
const INSERT_VALUES = /^(\s*insert\s[\s\S]*?\bvalues\s*)(\((?:\s*\?\s*,)*\s*\?\s*\))([\s\S]*)$/i;
/** PostgreSQL's limit is 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

type Queryable = pg.Pool | pg.PoolClient;

async function query<R>(on: Queryable, text: string, params: readonly SqlParam[]): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
  const { name, text: translated } = prepared(text);
  return on.query<R & pg.QueryResultRow>({ name, text: translated, values: params as unknown[] });
}

async function runManyOn(on: Queryable, text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult> {
  if (rows.length === 0) return { changes: 0 };
  const m = INSERT_VALUES.exec(text);
  let total = 0;
  if (!m) {
    for (const row of rows) total += (await query(on, text, row)).rowCount ?? 0;
    return { changes: total };
  }
  const [, head, tuple, tail] = m as unknown as [string, string, string, string];
  const width = rows[0]!.length;
  const perStatement = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / Math.max(1, width))));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = Array.from({ length: chunk.length }, () => tuple).join(", ");
    total += (await query(on, `${head}${values}${tail}`, chunk.flat())).rowCount ?? 0;
  }
  return { changes: total };
}

/** PostgreSQL behind the same interface as SQLite (db/sql/sql.ts), over a `pg` pool. */
export class PostgresDatabase implements Database {
  readonly dialect = "postgres" as const;
  readonly pool: pg.Pool;

  #lockPool: pg.Pool | undefined;

  constructor(
    readonly url: string,
    { max = 10 }: { max?: number } = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, max, types });
    // An idle client losing its connection (a server restart) must not crash the process; the pool replaces it.
    this.pool.on("error", (error) => console.warn(`[arca] a PostgreSQL connection failed while idle: ${error.message}`));
  }

  async all<R>(text: string, params: readonly SqlParam[] = []): Promise<R[]> {
    const tx = ambientTransaction(this);
    if (tx) return tx.all<R>(text, params);
    return (await query<R>(this.pool, text, params)).rows;
  }

  async get<R>(text: string, params: readonly SqlParam[] = []): Promise<R | undefined> {
    return (await this.all<R>(text, params))[0];
  }

  async run(text: string, params: readonly SqlParam[] = []): Promise<RunResult> {
    const tx = ambientTransaction(this);
    if (tx) return tx.run(text, params);
    return { changes: (await query(this.pool, text, params)).rowCount ?? 0 };
  }

  async runMany(text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult> {
    return this.transaction((tx) => tx.runMany(text, rows));
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>, { isolation = "read committed" }: TransactionOptions = {}): Promise<T> {
    const ambient = ambientTransaction(this);
    if (ambient) return ambient.transaction(fn);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const tx = new PostgresTransaction(client);
      let broken = false;
      try {
        await client.query(`begin isolation level ${isolation}`);
        const result = await runAmbient(this, tx, fn);
        tx.end();
        await client.query("commit");
        return result;
      } catch (error) {
        tx.end();
        await client.query("rollback").catch(() => (broken = true));
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && RETRYABLE.has(code) && attempt < ATTEMPTS) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  /**
   * Advisory locks are held by a session, so each holder keeps a connection of its own for as long as
   * `fn` runs, from a pool apart from the queries' (a holder's own queries must never wait for a
   * connection that another holder keeps). A connection that dies releases its locks.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!this.#lockPool) {
      this.#lockPool = new pg.Pool({ connectionString: this.url, max: LOCK_CONNECTIONS, types });
      this.#lockPool.on("error", (error) => console.warn(`[arca] a PostgreSQL lock connection failed while idle: ${error.message}`));
    }
    const client = await this.#lockPool.connect();
    let broken = false;
    try {
      await client.query("select pg_advisory_lock(hashtextextended($1, 0))", [key]);
      try {
        return await fn();
      } finally {
        await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => (broken = true));
      }
    } finally {
      client.release(broken);
    }
  }

  /** Several instances write one PostgreSQL: no cheap, exact signal of change here. */
  changeStamp(): null {
    return null;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.#lockPool?.end()]);
  }
}

class PostgresTransaction implements Sql {
  readonly dialect = "postgres" as const;
  #ended = false;
  #savepoints = 0;

  constructor(private readonly client: pg.PoolClient) {}

  end(): void {
    this.#ended = true;
  }

  async all<R>(text: string, params: readonly SqlParam[] = []): Promise<R[]> {
    this.#check();
    return (await query<R>(this.client, text, params)).rows;
  }

  async get<R>(text: string, params: readonly SqlParam[] = []): Promise<R | undefined> {
    return (await this.all<R>(text, params))[0];
  }

  async run(text: string, params: readonly SqlParam[] = []): Promise<RunResult> {
    this.#check();
    return { changes: (await query(this.client, text, params)).rowCount ?? 0 };
  }

  async runMany(text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult> {
    this.#check();
    return runManyOn(this.client, text, rows);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    this.#check();
    const name = `sp${++this.#savepoints}`;
    await this.client.query(`savepoint ${name}`);
    try {
      const result = await fn(this);
      await this.client.query(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await this.client.query(`rollback to savepoint ${name}`);
      throw error;
    }
  }

  #check(): void {
    if (this.#ended) throw new Error("this transaction has ended: use the database handle, not the transaction's, after it");
  }
}
