import { createHash, type Hash } from "node:crypto";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Hashing of upload bodies on worker threads. Every uploaded byte is hashed twice on the server (SHA-256: the
 * content address; MD5: the W&B digest, ~520 MiB/s here and single-threaded per stream): on the event loop that
 * was one core doing all of it while the other waited. Here each algorithm of a stream runs on its own thread
 * (MD5 on one, SHA-256 on the other, alternating between streams so that the slower MD5 is spread), and the
 * event loop only receives, copies and writes.
 *
 * The bytes travel in slots of one SharedArrayBuffer: the main thread copies a stream's chunks into a free slot
 * (a memcpy, ~20x faster than MD5) and posts its offset to the stream's threads; a slot is reused once every
 * thread hashing it said so. The slots bound the memory (SLOTS x SLOT_BYTES, allocated once) and are the
 * backpressure: when none is free, `update` waits, so the upload stops being read. A slot is taken only once
 * a stream has a full slot's worth of bytes (or at its end), so a slow client never holds one.
 *
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
const SLOT_BYTES = 512 << 10;
const SLOTS = 16;

// Two cores here: a thread per algorithm of a stream. ARCA_HASH_THREADS=0 hashes on the event loop as before.
const THREADS = (() => {
  const configured = Number(process.env.ARCA_HASH_THREADS);
  return Number.isInteger(configured) && configured >= 0 ? configured : Math.min(2, availableParallelism());
})();

// Loaded by path, like the SQLite worker (server/workers/sqlite.ts): Next bundles the server, a worker must be a file of its own.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "workers", "hash-worker.mjs");

/** A stream hashing `algorithms` over `size` bytes: on worker threads when that pays, else here. */
export function createStreamHasher(algorithms: readonly HashAlgorithm[], size: number): StreamHasher {
  if (algorithms.length === 0 || THREADS === 0 || size < THREAD_MIN_BYTES) return new InlineHasher(algorithms);
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

  async digest(): Promise<Record<HashAlgorithm, Buffer | undefined>> {
    const out: Record<HashAlgorithm, Buffer | undefined> = { sha256: undefined, md5: undefined };
    for (const [algorithm, hash] of this.hashes) out[algorithm] = hash.digest();
    return out;
  }

  close(): void {}
}

interface Thread {
  worker: Worker | null;
  /** Slots posted to this thread and not yet freed, in the order posted (the thread answers in order). */
  slots: number[];
  /** Streams with a hash on this thread, by id: a dying thread fails them. */
  streams: Map<number, ThreadedHasher>;
}

interface Pool {
  buffer: SharedArrayBuffer;
  threads: Thread[];
  free: number[];
  /** Threads still to free each slot. */
  refs: number[];
  waiting: (() => void)[];
  nextId: number;
  nextThread: number;
  /** Thread ids that hashed, most recent last (tests prove the work left the event loop). */
  ranOn: number[];
}

// One pool per process: Next bundles route handlers separately.
const holder = globalThis as typeof globalThis & { __arcaHashThreads?: Pool };
function pool(): Pool {
  return (holder.__arcaHashThreads ??= {
    buffer: new SharedArrayBuffer(SLOTS * SLOT_BYTES),
    threads: Array.from({ length: Math.max(1, THREADS) }, () => ({ worker: null, slots: [], streams: new Map() })),
    free: Array.from({ length: SLOTS }, (_, slot) => slot),
    refs: new Array<number>(SLOTS).fill(0),
    waiting: [],
    nextId: 1,
    nextThread: 0,
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

type WorkerMessage = { op: "freed"; slot: number } | { op: "digest"; id: number; digest: Uint8Array | null };

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
    } else thread.streams.get(message.id)?.answered(thread, message.digest);
    settle(thread);
  });
  const fail = (error: Error) => {
    if (thread.worker !== worker) return;
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

/** A busy thread keeps the process alive (an awaited digest must not be dropped); an idle one must not. */
function settle(thread: Thread): void {
  if (!thread.worker) return;
  if (thread.slots.length > 0 || thread.streams.size > 0) thread.worker.ref();
  else thread.worker.unref();
}

function releaseSlot(slot: number): void {
  const p = pool();
  p.refs[slot] = (p.refs[slot] ?? 1) - 1;
  if (p.refs[slot]! > 0) return;
  p.free.push(slot);
  p.waiting.shift()?.();
}

class ThreadedHasher implements StreamHasher {
  private readonly id: number;
  private readonly parts: { algorithm: HashAlgorithm; thread: Thread }[];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private waiting = false;
  private failure: Error | null = null;
  private started = false;
  private done = false;
  private readonly answers = new Map<Thread, (digest: Uint8Array | null) => void>();
  private readonly failures = new Set<(error: Error) => void>();

  constructor(algorithms: readonly HashAlgorithm[]) {
    const p = pool();
    this.id = p.nextId++;
    const first = p.nextThread++;
    this.parts = algorithms.map((algorithm, i) => ({ algorithm, thread: p.threads[(first + i) % p.threads.length]! }));
  }

  /** The threads learn of a stream with its first slot: one abandoned before that (refused early) costs them nothing. */
  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const { algorithm, thread } of this.parts) {
      workerOf(thread).postMessage({ op: "start", id: this.id, algorithm });
      thread.streams.set(this.id, this);
      settle(thread);
    }
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
      p.refs[slot] = this.parts.length;
      for (const { thread } of this.parts) {
        // workerOf, not thread.worker: a thread that died meanwhile failed this stream above, so this is the same worker.
        workerOf(thread).postMessage({ op: "update", id: this.id, slot, offset: slot * SLOT_BYTES, length });
        thread.slots.push(slot);
        settle(thread);
      }
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
    const digests = await Promise.all(
      this.parts.map(
        ({ algorithm, thread }) =>
          new Promise<[HashAlgorithm, Buffer]>((resolve, reject) => {
            const onFailure = (error: Error) => reject(error);
            this.failures.add(onFailure);
            this.answers.set(thread, (digest) => {
              this.failures.delete(onFailure);
              if (digest) resolve([algorithm, Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength)]);
              else reject(new Error(`the hashing thread lost the ${algorithm} of stream ${this.id}`));
            });
            workerOf(thread).postMessage({ op: "digest", id: this.id });
          }),
      ),
    );
    this.done = true;
    const out: Record<HashAlgorithm, Buffer | undefined> = { sha256: undefined, md5: undefined };
    for (const [algorithm, digest] of digests) out[algorithm] = digest;
    return out;
  }

  /** The thread's digest of this stream arrived; the stream is done on that thread. */
  answered(thread: Thread, digest: Uint8Array | null): void {
    thread.streams.delete(this.id);
    this.answers.get(thread)?.(digest);
  }

  fail(error: Error): void {
    this.failure ??= error;
    for (const reject of this.failures) reject(error);
    this.failures.clear();
    this.close();
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.started) return;
    for (const { thread } of this.parts) {
      if (thread.streams.delete(this.id)) thread.worker?.postMessage({ op: "drop", id: this.id });
      settle(thread);
    }
  }
}
