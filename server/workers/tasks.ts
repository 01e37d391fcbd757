import path from "node:path";
import { z } from "zod";
import { DomainError, type ErrorCode } from "../errors";
import { createPacer } from "./pace";
import { workerPool } from "./pool";
import type { TaskInput, TaskName, TaskPart, TaskResult } from "./task-list";

/**
 * A small pool of worker threads for CPU-bound steps of a request that would otherwise hold the
 * event loop for seconds: parsing and checking a 200,000-entry commit, its manifest digest
 * (task-list.ts). A task may send its result in parts (`onPart`), JSON texts that `parseParts` reads
 * a slice at a time, instead of one huge object the main thread would deserialize in one go.
 * The threads are a pool of their own (pool.ts), apart from the SQLite pool's.
 */

type WorkerError = { kind: "zod"; issues: z.core.$ZodIssue[] } | { kind: "domain"; code: ErrorCode; message: string } | { kind: "other"; message: string };

// Two cores here: one thread for this, besides the SQLite pool's, leaves the request path a core.
const POOL_SIZE = Math.max(1, Number(process.env.ARCA_TASK_WORKERS) || 1);

// Loaded by path: Next bundles the server, and a worker must be a file of its own (see sqlite.ts).
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "workers", "task-worker.mjs");

const pool = workerPool("task", { file: WORKER_FILE, size: POOL_SIZE, toError: (error) => raise(error as WorkerError) });

/**
 * Runs `task` in a worker thread; `transfer` moves buffers there without a copy. A task's domain
 * error (ValidationError, …) or zod error is raised again here with the same code and message.
 */
export function runTask<T extends TaskName>(
  task: T,
  input: TaskInput<T>,
  options: { transfer?: ArrayBuffer[]; onPart?: (part: TaskPart<T>) => void } = {},
): Promise<TaskResult<T>> {
  const onPart = options.onPart as ((part: unknown) => void) | undefined;
  return pool.run({ task, input }, { transfer: options.transfer ?? [], ...(onPart ? { onPart } : {}) }) as Promise<TaskResult<T>>;
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
  return pool.threads();
}

function raise(error: WorkerError): Error {
  // ZodRealError is what `.parse` throws (an Error); ZodError itself is not one.
  if (error.kind === "zod") return new z.ZodRealError(error.issues);
  if (error.kind === "domain") return new DomainError(error.code, error.message);
  return new Error(`a worker task failed: ${error.message}`);
}
