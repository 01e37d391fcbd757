import path from "node:path";
import { workerPool } from "./pool";

/**
 * A small pool of worker threads that run SQL against SQLite files (the table indexes): a statement that
 * takes seconds (indexing a part, sorting a million rows) would otherwise stop every other request.
 * Each job opens its own connection, runs its steps in order and closes it, so a job is self-contained
 * (temp tables and ATTACH last one job). Results come back by structured clone: keep them small.
 */
export interface SqlStep {
  sql: string;
  params?: unknown[];
  /** exec: no result; run: changed rows; get: one row or null; all: every row. */
  mode: "exec" | "run" | "get" | "all";
}

export interface SqlJob {
  file: string;
  pragmas?: string[];
  steps: SqlStep[];
}

/** An error SQLite raised in a worker; `code` is SQLite's (e.g. SQLITE_ERROR) when there is one. */
export class SqliteWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "SqliteWorkerError";
  }
}

// Two cores here; more threads would only compete with the request path for them.
const POOL_SIZE = Math.max(1, Number(process.env.ARCA_SQLITE_WORKERS) || 2);

// The server runs from the project root (db/client.ts finds its migrations the same way).
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "workers", "sqlite-worker.mjs");

const pool = workerPool("SQLite", {
  file: WORKER_FILE,
  size: POOL_SIZE,
  toError: (error) => {
    const { message, code } = error as { message: string; code: string | null };
    return new SqliteWorkerError(message, code);
  },
});

/** Runs the job's steps in a worker thread; resolves with one result per step. */
export function runSql(job: SqlJob): Promise<unknown[]> {
  return pool.run(job) as Promise<unknown[]>;
}

/** Thread ids that ran jobs, most recent last (for tests). */
export function sqliteWorkerThreads(): number[] {
  return pool.threads();
}
