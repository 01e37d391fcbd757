import path from "node:path";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { DomainError, type ErrorCode } from "../errors";
import { createPacer } from "./pace";
import type { TaskInput, TaskName, TaskPart, TaskResult } from "./task-list";

/**
 * A small pool of worker threads for CPU-bound steps of a request that would otherwise hold the
 * event loop for seconds: parsing and checking a 200,000-entry commit, its manifest digest
 * (task-list.ts). A task may send its result in parts (`onPart`), JSON texts that `parseParts` reads
 * a slice at a time, instead of one huge object the main thread would deserialize in one go.
 * Same shape as the SQLite pool (sqlite.ts), which stays separate: its jobs are SQL against files.
 */

interface Queued {
  job: { id: number; task: TaskName; input: unknown };
  transfer: ArrayBuffer[];
  onPart: (part: unknown) => void;
  resolve: (result: unknown) => void;
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
  /** Thread ids that ran tasks, most recent last: tests prove the work left the main thread. */
  ranOn: number[];
}

type WorkerError = { kind: "zod"; issues: z.core.$ZodIssue[] } | { kind: "domain"; code: ErrorCode; message: string } | { kind: "other"; message: string };
type WorkerMessage = { id: number; part?: unknown; result?: unknown; error?: WorkerError };

// Two cores here: one thread for this, besides the SQLite pool's, leaves the request path a core.
const POOL_SIZE = Math.max(1, Number(process.env.ARCA_TASK_WORKERS) || 1);

// Loaded by path: Next bundles the server, and a worker must be a file of its own (see sqlite.ts).
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "workers", "task-worker.mjs");

// One pool per process: Next bundles route handlers separately.
const holder = globalThis as typeof globalThis & { __arcaTaskWorkers?: Pool };
const pool = (holder.__arcaTaskWorkers ??= { slots: Array.from({ length: POOL_SIZE }, () => ({ worker: null, current: null })), queue: [], nextId: 1, ranOn: [] });

/**
 * Runs `task` in a worker thread; `transfer` moves buffers there without a copy. A task's domain
 * error (ValidationError, …) or zod error is raised again here with the same code and message.
 */
export function runTask<T extends TaskName>(
  task: T,
  input: TaskInput<T>,
  options: { transfer?: ArrayBuffer[]; onPart?: (part: TaskPart<T>) => void } = {},
): Promise<TaskResult<T>> {
  return new Promise((resolve, reject) => {
    pool.queue.push({
      job: { id: pool.nextId++, task, input },
      transfer: options.transfer ?? [],
      onPart: (options.onPart ?? (() => undefined)) as (part: unknown) => void,
      resolve: resolve as (result: unknown) => void,
      reject,
    });
    dispatch();
  });
}

/** The items of parts a task sent as JSON texts, parsed a part per slice of the event loop. */
export async function parseParts<T>(parts: readonly string[]): Promise<T[]> {
  const pace = createPacer();
  const out: T[] = [];
  for (const part of parts) {
    for (const item of JSON.parse(part) as T[]) out.push(item);
    await pace();
  }
  return out;
}

export function taskWorkerThreads(): number[] {
  return [...pool.ranOn];
}

function dispatch(): void {
  for (const slot of pool.slots) {
    if (slot.current || pool.queue.length === 0) continue;
    const next = pool.queue.shift()!;
    const worker = (slot.worker ??= spawn(slot));
    slot.current = next;
    // An idle worker must not keep the process alive; a busy one must, or an awaited task would be dropped.
    worker.ref();
    worker.postMessage(next.job, next.transfer);
  }
}

function raise(error: WorkerError): Error {
  // ZodRealError is what `.parse` throws (an Error); ZodError itself is not one.
  if (error.kind === "zod") return new z.ZodRealError(error.issues);
  if (error.kind === "domain") return new DomainError(error.code, error.message);
  return new Error(`a worker task failed: ${error.message}`);
}

function spawn(slot: Slot): Worker {
  const worker = new Worker(WORKER_FILE);
  worker.on("message", (message: WorkerMessage) => {
    const current = slot.current;
    if (!current || current.job.id !== message.id) return;
    if ("part" in message) {
      current.onPart(message.part);
      return;
    }
    slot.current = null;
    worker.unref();
    pool.ranOn.push(worker.threadId);
    if (pool.ranOn.length > 100) pool.ranOn.shift();
    if (message.error) current.reject(raise(message.error));
    else current.resolve(message.result);
    dispatch();
  });
  const fail = (error: Error) => {
    // A crashed worker takes its task with it; the next task gets a fresh thread.
    slot.worker = null;
    const current = slot.current;
    slot.current = null;
    current?.reject(error);
    dispatch();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (slot.worker === worker) fail(new Error(`the task worker thread exited (code ${code})`));
  });
  return worker;
}
