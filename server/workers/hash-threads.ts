import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Hashing of upload bodies on worker threads. Every uploaded byte is hashed twice on the server (SHA-256: the
 * content address; MD5: the W&B digest, ~520 MiB/s here and single-threaded per stream): on the event loop that
 * was one core hashing while it also received and wrote, and the other core mostly waited. Here a stream's
 * hashes run on a hashing thread, and the event loop only receives, copies and writes. Concurrent uploads (the
 * CLI sends a few batches at once) are spread over the threads; one upload alone uses one thread.
 *
 * The bytes travel in slots of one SharedArrayBuffer: the main thread copies a stream's chunks into a free slot
 * (a memcpy, ~20x faster than MD5) and posts its offset to the stream's thread; the slot is reused once the
 * thread said it hashed it. The slots bound the memory (SLOTS x SLOT_BYTES, allocated once) and are the
 * backpressure: when none is free, `update` waits, so the upload stops being read. A slot is taken only once
 * a stream has a full slot's worth of bytes (or at its end), so a slow client never holds one.
 *
 * A thread left idle for IDLE_MS exits (each costs ~11 MB of resident memory); the next upload starts it again.
 * Verdicts stay where they were (server/storage/verify.ts): a store publishes a blob only after `digest()`
 * answered and the digests matched. A thread that dies fails the streams it was hashing (their uploads are
 * refused, nothing is published); the next stream gets a fresh thread.
 */
export type HashAlgorithm = "sha256" | "md5";

export interface StreamHasher {
  /** Hashes `chunk` after the ones before it; a promise when it had to wait for a free slot (await it before the next call). */
  update(chunk: Uint8Array): void | Promise<void>;
  /** The raw digest of each algorithm over everything passed to update. */
  digest(): Promise<Record<HashAlgorithm, Buffer | undefined>>;
  /** Forgets a stream that will not be finished (a failed upload); a no-op after digest(). */
  close(): void;
}

/** Bodies smaller than this are hashed on the calling thread: the messages would cost more than the hashing. */
export const THREAD_MIN_BYTES = 256 << 10;
const SLOT_BYTES = 1 << 20;
const SLOTS = 8;
const IDLE_MS = 5_000;

// Two cores here. ARCA_HASH_THREADS=0 hashes on the event loop, as before the threads.
const THREADS = (() => {
  const configured = Number(process.env.ARCA_HASH_THREADS);
  return process.env.ARCA_HASH_THREADS !== undefined && Number.isInteger(configured) && configured >= 0 ? configured : Math.min(2, availableParallelism());
})();

// Loaded by path, like the SQLite worker (server/workers/sqlite.ts): Next bundles the server, a worker must be a file of its own.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "workers", "hash-worker.mjs");

let workerFound: boolean | undefined;
/** A server started outside the project root (the worker is found from the working directory) still verifies uploads, on the event loop. */
function workerFileExists(): boolean {
  return (workerFound ??= fs.existsSync(WORKER_FILE));
}

/** A stream hashing `algorithms` over `size` bytes: on worker threads when that pays, else here. */
export function createStreamHasher(algorithms: readonly HashAlgorithm[], size: number): StreamHasher {
  if (algorithms.length === 0 || THREADS === 0 || size < THREAD_MIN_BYTES || !workerFileExists()) return new InlineHasher(algorithms);
  return new ThreadedHasher(algorithms);
}

class InlineHasher implements StreamHasher {
  private readonly hashes: [HashAlgorithm, Hash][];

  constructor(algorithms: readonly HashAlgorithm[]) {
    this.hashes = algorithms.map((algorithm) => [algorithm, createHash(algorithm)]);
  }

  update(chunk: Uint8Array): void {
    for (const [, hash] of this.hashes) hash.update(chunk);
  }

  digest(): Promise<Record<HashAlgorithm, Buffer | undefined>> {
    const out: Record<HashAlgorithm, Buffer | undefined> = { sha256: undefined, md5: undefined };
    for (const [algorithm, hash] of this.hashes) out[algorithm] = hash.digest();
    return Promise.resolve(out);
  }

  close(): void {}
}

interface Thread {
  worker: Worker | null;
  /** Slots posted to this thread and not yet freed, in the order posted (the thread answers in order). */
  slots: number[];
  /** Streams hashed on this thread, by id: a dying thread fails them. */
  streams: Map<number, ThreadedHasher>;
  idleTimer: NodeJS.Timeout | null;
}

interface Pool {
  buffer: SharedArrayBuffer;
  threads: Thread[];
  free: number[];
  waiting: (() => void)[];
  nextId: number;
  /** Thread ids that hashed, most recent last (tests prove the work left the event loop). */
  ranOn: number[];
}

// One pool per process: Next bundles route handlers separately.
const holder = globalThis as typeof globalThis & { __arcaHashThreads?: Pool };
function pool(): Pool {
  return (holder.__arcaHashThreads ??= {
    buffer: new SharedArrayBuffer(SLOTS * SLOT_BYTES),
    threads: Array.from({ length: Math.max(1, THREADS) }, () => ({ worker: null, slots: [], streams: new Map(), idleTimer: null })),
    free: Array.from({ length: SLOTS }, (_, slot) => slot),
    waiting: [],
    nextId: 1,
    ranOn: [],
  });
}

/** Thread ids that hashed upload bytes, most recent last (for tests). */
export function hashThreadIds(): number[] {
  return [...pool().ranOn];
}

/** No slot is out and no stream is registered with a thread (for tests: nothing leaks). */
export function hashThreadsIdle(): boolean {
  const p = pool();
  return p.free.length === SLOTS && p.threads.every((thread) => thread.slots.length === 0 && thread.streams.size === 0);
}

/** How many hashing threads are running (for tests: idle ones exit). */
export function runningHashThreads(): number {
  return pool().threads.filter((thread) => thread.worker).length;
}

/** The thread with the fewest streams; among equals a running one (a thread costs memory), else the first. */
function pickThread(): Thread {
  const { threads } = pool();
  let best = threads[0]!;
  for (const thread of threads) {
    const fewer = thread.streams.size < best.streams.size;
    const sameButRunning = thread.streams.size === best.streams.size && thread.worker && !best.worker;
    if (fewer || sameButRunning) best = thread;
  }
  return best;
}

type WorkerMessage = { op: "freed"; slot: number } | { op: "digest"; id: number; digests: Record<string, Uint8Array> | null };

function workerOf(thread: Thread): Worker {
  if (thread.worker) return thread.worker;
  const p = pool();
  const worker = new Worker(WORKER_FILE, { workerData: { buffer: p.buffer } });
  thread.worker = worker;
  worker.unref();
  worker.on("message", (message: WorkerMessage) => {
    if (message.op === "freed") {
      thread.slots.shift();
      releaseSlot(message.slot);
      p.ranOn.push(worker.threadId);
      if (p.ranOn.length > 100) p.ranOn.shift();
    } else thread.streams.get(message.id)?.answered(message.digests);
    settle(thread);
  });
  const fail = (error: Error) => {
    if (thread.worker !== worker) return; // an idle thread that was told to exit
    // A crashed thread takes its streams with it (their uploads are refused); the next stream gets a fresh one.
    thread.worker = null;
    for (const slot of thread.slots.splice(0)) releaseSlot(slot);
    const streams = [...thread.streams.values()];
    thread.streams.clear();
    for (const stream of streams) stream.fail(error);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the hashing thread exited (code ${code})`)));
  return worker;
}

/**
 * A busy thread keeps the process alive (an awaited digest must not be dropped); an idle one must not, and exits
 * after IDLE_MS.
 */
function settle(thread: Thread): void {
  const { worker } = thread;
  if (!worker) return;
  if (thread.idleTimer) clearTimeout(thread.idleTimer);
  thread.idleTimer = null;
  if (thread.slots.length > 0 || thread.streams.size > 0) return void worker.ref();
  worker.unref();
  thread.idleTimer = setTimeout(() => {
    thread.idleTimer = null;
    if (thread.worker !== worker || thread.slots.length > 0 || thread.streams.size > 0) return;
    thread.worker = null;
    void worker.terminate();
  }, IDLE_MS);
  thread.idleTimer.unref();
}

function releaseSlot(slot: number): void {
  const p = pool();
  p.free.push(slot);
  p.waiting.shift()?.();
}

class ThreadedHasher implements StreamHasher {
  private readonly id: number;
  private readonly thread: Thread;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private waiting = false;
  private failure: Error | null = null;
  private started = false;
  private done = false;
  private answer: ((digests: Record<string, Uint8Array> | null) => void) | null = null;
  private onFailure: ((error: Error) => void) | null = null;

  constructor(private readonly algorithms: readonly HashAlgorithm[]) {
    this.id = pool().nextId++;
    this.thread = pickThread();
    // Counted at once, so that streams started together spread over the threads.
    this.thread.streams.set(this.id, this);
  }

  /** The thread learns of a stream with its first slot. */
  private start(): void {
    if (this.started) return;
    this.started = true;
    workerOf(this.thread).postMessage({ op: "start", id: this.id, algorithms: this.algorithms });
    settle(this.thread);
  }

  update(chunk: Uint8Array): void | Promise<void> {
    if (this.failure) throw this.failure;
    if (this.waiting) throw new Error("StreamHasher.update called before the previous update finished");
    if (chunk.byteLength === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes >= SLOT_BYTES) return this.post(false);
  }

  /** Posts full slots (and the last partial one when `all`); a promise only when it must wait for a free slot. */
  private post(all: boolean): void | Promise<void> {
    const p = pool();
    while (this.pendingBytes >= SLOT_BYTES || (all && this.pendingBytes > 0)) {
      if (this.failure) throw this.failure;
      const slot = p.free.pop();
      if (slot === undefined) return this.waitAndPost(all);
      this.start();
      const length = Math.min(SLOT_BYTES, this.pendingBytes);
      this.copyInto(new Uint8Array(p.buffer, slot * SLOT_BYTES, length));
      // this.thread.worker is the one start() posted to: a thread that died since failed this stream above.
      this.thread.worker!.postMessage({ op: "update", id: this.id, slot, offset: slot * SLOT_BYTES, length });
      this.thread.slots.push(slot);
      settle(this.thread);
    }
  }

  private async waitAndPost(all: boolean): Promise<void> {
    this.waiting = true;
    try {
      await new Promise<void>((resolve) => pool().waiting.push(resolve));
    } finally {
      this.waiting = false;
    }
    await this.post(all);
  }

  /** Moves the first `target.length` pending bytes into `target`. */
  private copyInto(target: Uint8Array): void {
    let filled = 0;
    while (filled < target.length) {
      const chunk = this.pending[0]!;
      const take = Math.min(chunk.byteLength, target.length - filled);
      target.set(take === chunk.byteLength ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      if (take === chunk.byteLength) this.pending.shift();
      else this.pending[0] = chunk.subarray(take);
    }
    this.pendingBytes -= filled;
  }

  async digest(): Promise<Record<HashAlgorithm, Buffer | undefined>> {
    await this.post(true);
    if (this.failure) throw this.failure;
    this.start(); // an empty body posted no slot
    const digests = await new Promise<Record<string, Uint8Array>>((resolve, reject) => {
      this.onFailure = reject;
      this.answer = (answered) => (answered ? resolve(answered) : reject(new Error(`the hashing thread lost stream ${this.id}`)));
      this.thread.worker!.postMessage({ op: "digest", id: this.id });
    });
    const out: Record<HashAlgorithm, Buffer | undefined> = { sha256: undefined, md5: undefined };
    for (const algorithm of this.algorithms) {
      const digest = digests[algorithm]!;
      out[algorithm] = Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
    }
    return out;
  }

  /** The thread's digests of this stream arrived; the thread is done with it. */
  answered(digests: Record<string, Uint8Array> | null): void {
    this.done = true;
    this.thread.streams.delete(this.id);
    this.answer?.(digests);
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.onFailure?.(error);
    this.close();
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.thread.streams.delete(this.id) && this.started) this.thread.worker?.postMessage({ op: "drop", id: this.id });
    settle(this.thread);
  }
}
