import type { Database, RunResult, Sql, SqlParam, TransactionOptions } from "./sql";

/**
 * A database that is still being opened (PostgreSQL: connected and migrated at start, which is async,
 * while the service context is built synchronously). Calls made before it is ready wait for it; once
 * it is, they go straight through. A failed opening fails every call with that error.
 */
export class DeferredDatabase implements Database {
  readonly #opening: Promise<Database>;
  #ready: Database | undefined;

  constructor(
    readonly dialect: Sql["dialect"],
    open: () => Promise<Database>,
  ) {
    this.#opening = open().then((db) => (this.#ready = db));
    // Nobody may be waiting yet; the error reaches every caller and `ready()`.
    this.#opening.catch(() => undefined);
  }

  /** Resolves when the database is open; rejects with the reason it could not be. */
  async ready(): Promise<void> {
    await this.#opening;
  }

  all<R>(text: string, params?: readonly SqlParam[]): Promise<R[]> {
    return this.#ready ? this.#ready.all<R>(text, params) : this.#opening.then((db) => db.all<R>(text, params));
  }

  get<R>(text: string, params?: readonly SqlParam[]): Promise<R | undefined> {
    return this.#ready ? this.#ready.get<R>(text, params) : this.#opening.then((db) => db.get<R>(text, params));
  }

  run(text: string, params?: readonly SqlParam[]): Promise<RunResult> {
    return this.#ready ? this.#ready.run(text, params) : this.#opening.then((db) => db.run(text, params));
  }

  runMany(text: string, rows: readonly (readonly SqlParam[])[]): Promise<RunResult> {
    return this.#ready ? this.#ready.runMany(text, rows) : this.#opening.then((db) => db.runMany(text, rows));
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.#ready ? this.#ready.transaction(fn, options) : this.#opening.then((db) => db.transaction(fn, options));
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#ready ? this.#ready.withLock(key, fn) : this.#opening.then((db) => db.withLock(key, fn));
  }

  changeStamp(): number | null {
    return this.#ready ? this.#ready.changeStamp() : null;
  }

  async close(): Promise<void> {
    const db = await this.#opening.catch(() => undefined);
    await db?.close();
  }
}
