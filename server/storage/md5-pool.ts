import { Worker } from "node:worker_threads";

/**
 * MD5 on a worker thread. An upload hashes SHA-256 on the main thread and MD5 here, so the two
 * hashes of a blob run on both cores. The worker source is inline (eval) so it survives Next's
 * bundler, tsx and vitest alike.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const open = new Map();
parentPort.on("message", (m) => {
  if (m.chunk) {
    let h = open.get(m.id);
    if (!h) open.set(m.id, (h = createHash("md5")));
    h.update(new Uint8Array(m.chunk));
    parentPort.postMessage({ id: m.id, ack: m.chunk.byteLength });
  } else if (m.end) {
    const h = open.get(m.id) || createHash("md5");
    open.delete(m.id);
    parentPort.postMessage({ id: m.id, digest: m.abort ? null : h.digest("base64") });
  }
});
`;

interface Reply {
  id: number;
  ack?: number;
  digest?: string | null;
}

/** At most this many bytes queued for the worker per upload: memory stays bounded when MD5 falls behind. */
const MAX_QUEUED_BYTES = 8 << 20;

/** A job holds its worker's ref while it runs; an idle pool lets the process exit. */
class PooledWorker {
  readonly worker: Worker;
  readonly listeners = new Map<number, (reply: Reply) => void>();

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on("message", (reply: Reply) => this.listeners.get(reply.id)?.(reply));
    this.worker.unref();
  }

  listen(id: number, listener: (reply: Reply) => void): void {
    if (this.listeners.size === 0) this.worker.ref();
    this.listeners.set(id, listener);
  }

  forget(id: number): void {
    this.listeners.delete(id);
    if (this.listeners.size === 0) this.worker.unref();
  }
}

/** Two workers: concurrent uploads hash on both cores. */
class Md5Pool {
  private readonly workers = [new PooledWorker(), new PooledWorker()];
  private nextId = 1;

  start(): Md5Job {
    const id = this.nextId++;
    const least = this.workers.reduce((a, b) => (b.listeners.size < a.listeners.size ? b : a));
    return new Md5Job(id, least);
  }
}

export class Md5Job {
  private queued = 0;
  private drained: (() => void) | null = null;
  private result: ((digest: string | null) => void) | null = null;

  constructor(
    private readonly id: number,
    private readonly pooled: PooledWorker,
  ) {
    pooled.listen(id, (reply) => {
      if (reply.ack !== undefined) {
        this.queued -= reply.ack;
        if (this.queued <= MAX_QUEUED_BYTES && this.drained) {
          this.drained();
          this.drained = null;
        }
      } else if (reply.digest !== undefined) {
        pooled.forget(id);
        this.result?.(reply.digest);
      }
    });
  }

  /** Queues a copy of `bytes`; resolves at once unless the worker is more than 8 MiB behind. */
  async update(bytes: Uint8Array): Promise<void> {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    this.queued += copy.byteLength;
    this.pooled.worker.postMessage({ id: this.id, chunk: copy.buffer }, [copy.buffer]);
    if (this.queued > MAX_QUEUED_BYTES) await new Promise<void>((resolve) => (this.drained = resolve));
  }

  digest(): Promise<string> {
    return new Promise((resolve) => {
      this.result = (d) => resolve(d ?? "");
      this.pooled.worker.postMessage({ id: this.id, end: true });
    });
  }

  /** Drops the job (failed upload); the worker discards its state. */
  abort(): void {
    this.result = null;
    this.pooled.worker.postMessage({ id: this.id, end: true, abort: true });
    this.pooled.forget(this.id);
  }
}

const holder = globalThis as typeof globalThis & { __arcaMd5Pool?: Md5Pool };

export function startMd5(): Md5Job {
  return (holder.__arcaMd5Pool ??= new Md5Pool()).start();
}
