import { Worker } from "node:worker_threads";

/**
 * A small pool of worker threads, one job per thread at a time, for work that would otherwise hold
 * the event loop (sqlite.ts: SQL on table indexes; tasks.ts: a large commit's manifest). A job is
 * posted with an `id`; its thread answers `{ id, part }` any number of times, then `{ id, result }`
 * or `{ id, error }`. A thread that crashes takes its job with it; the next job gets a fresh one.
 */
export interface WorkerPool {
  run(message: object, options?: { transfer?: ArrayBuffer[]; onPart?: (part: unknown) => void }): Promise<unknown>;
  /** Thread ids that ran jobs, most recent last: tests prove the work left the main thread. */
  threads(): number[];
}

interface Reply {
  id: number;
  part?: unknown;
  result?: unknown;
  error?: unknown;
}

interface Queued {
  message: object & { id: number };
  transfer: ArrayBuffer[];
  onPart: (part: unknown) => void;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  current: Queued | null;
}

interface State {
  slots: Slot[];
  queue: Queued[];
  nextId: number;
  ranOn: number[];
}

// One pool per name per process: Next bundles route handlers separately, and each bundle would make its own.
const holder = globalThis as typeof globalThis & { __arcaWorkerPools?: Map<string, State> };

/**
 * The pool called `name`: `size` threads of the plain JavaScript `file` (loaded by path: a worker must
 * be a file of its own, outside Next's bundles). `toError` turns a reply's `error` into what `run` rejects with.
 */
export function workerPool(name: string, { file, size, toError }: { file: string; size: number; toError: (error: unknown) => Error }): WorkerPool {
  const pools = (holder.__arcaWorkerPools ??= new Map());
  let state = pools.get(name);
  if (!state) pools.set(name, (state = { slots: Array.from({ length: size }, () => ({ worker: null, current: null })), queue: [], nextId: 1, ranOn: [] }));
  const pool = state;

  function dispatch(): void {
    for (const slot of pool.slots) {
      if (slot.current || pool.queue.length === 0) continue;
      const next = pool.queue.shift()!;
      const worker = (slot.worker ??= spawn(slot));
      slot.current = next;
      // An idle worker must not keep the process alive; a busy one must, or an awaited job would be dropped.
      worker.ref();
      worker.postMessage(next.message, next.transfer);
    }
  }

  function spawn(slot: Slot): Worker {
    const worker = new Worker(file);
    worker.on("message", (reply: Reply) => {
      const current = slot.current;
      if (!current || current.message.id !== reply.id) return;
      if ("part" in reply) return current.onPart(reply.part);
      slot.current = null;
      worker.unref();
      pool.ranOn.push(worker.threadId);
      if (pool.ranOn.length > 100) pool.ranOn.shift();
      if (reply.error !== undefined) current.reject(toError(reply.error));
      else current.resolve(reply.result);
      dispatch();
    });
    const fail = (error: Error) => {
      slot.worker = null;
      const current = slot.current;
      slot.current = null;
      current?.reject(error);
      dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (slot.worker === worker) fail(new Error(`the ${name} worker thread exited (code ${code})`));
    });
    return worker;
  }

  return {
    run(message, options = {}) {
      return new Promise((resolve, reject) => {
        pool.queue.push({ message: { ...message, id: pool.nextId++ }, transfer: options.transfer ?? [], onPart: options.onPart ?? (() => undefined), resolve, reject });
        dispatch();
      });
    },
    threads: () => [...pool.ranOn],
  };
}
