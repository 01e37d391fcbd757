import path from "node:path";
import { Worker } from "node:worker_threads";

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

interface Queued {
  job: SqlJob & { id: number };
  resolve: (results: unknown[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  current: Queued | null;
}

interface Pool {
  slots: Slot[];
  queue: Queued[];
  nextId: number;
  /** Jobs run so far, per thread id: tests prove the work left the main thread. */
  ranOn: number[];
}

// Two cores here; more threads would only compete with the request path for them.
const POOL_SIZE = Math.max(1, Number(process.env.ARCA_SQLITE_WORKERS) || 2);

// The worker is plain JavaScript loaded by path: Next bundles the server, and a worker must be a file of its own.
// The server runs from the project root (db/client.ts finds its migrations the same way).
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "workers", "sqlite-worker.mjs");

// One pool per process: Next bundles route handlers separately.
const holder = globalThis as typeof globalThis & { __arcaSqliteWorkers?: Pool };
const pool = (holder.__arcaSqliteWorkers ??= { slots: Array.from({ length: POOL_SIZE }, () => ({ worker: null, current: null })), queue: [], nextId: 1, ranOn: [] });

/** Runs the job's steps in a worker thread; resolves with one result per step. */
export function runSql(job: SqlJob): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    pool.queue.push({ job: { ...job, id: pool.nextId++ }, resolve, reject });
    dispatch();
  });
}

/** Thread ids that ran jobs, most recent last (for tests). */
export function sqliteWorkerThreads(): number[] {
  return [...pool.ranOn];
}

function dispatch(): void {
  for (const slot of pool.slots) {
    if (slot.current || pool.queue.length === 0) continue;
    const next = pool.queue.shift()!;
    const worker = (slot.worker ??= spawn(slot));
    slot.current = next;
    // An idle worker must not keep the process alive; a busy one must, or an awaited job would be dropped.
    worker.ref();
    worker.postMessage(next.job);
  }
}

function spawn(slot: Slot): Worker {
  const worker = new Worker(WORKER_FILE);
  worker.on("message", (message: { id: number; results?: unknown[]; error?: { message: string; code: string | null } }) => {
    const current = slot.current;
    if (!current || current.job.id !== message.id) return;
    slot.current = null;
    worker.unref();
    pool.ranOn.push(worker.threadId);
    if (pool.ranOn.length > 100) pool.ranOn.shift();
    if (message.error) current.reject(new SqliteWorkerError(message.error.message, message.error.code));
    else current.resolve(message.results ?? []);
    dispatch();
  });
  const fail = (error: Error) => {
    // A crashed worker takes its job with it; the next job gets a fresh thread.
    slot.worker = null;
    const current = slot.current;
    slot.current = null;
    current?.reject(error);
    dispatch();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (slot.worker === worker) fail(new Error(`the SQLite worker thread exited (code ${code})`));
  });
  return worker;
}
