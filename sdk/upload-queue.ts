/**
 * Runs `task` over pushed items, `limit` at a time, in push order: the blob uploads of a log, which start while
 * later files are still being hashed. A failing task is reported to `onError`; stop() drops what has not started.
 */
export class TaskQueue<T> {
  #waiting: T[] = [];
  #head = 0;
  #active = 0;
  #stopped = false;
  #idle: (() => void)[] = [];

  constructor(
    private limit: number,
    private readonly task: (item: T) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Runs up to `limit` tasks at once from now on (more start at once if it grew). */
  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.#pump();
  }

  push(item: T): void {
    if (this.#stopped) return;
    this.#waiting.push(item);
    this.#pump();
  }

  /** Starts nothing more; tasks already running go on until they settle. */
  stop(): void {
    this.#stopped = true;
    this.#waiting = [];
    this.#head = 0;
    this.#settle();
  }

  /** Resolves once nothing is waiting or running. */
  drain(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #isIdle(): boolean {
    return this.#active === 0 && this.#head >= this.#waiting.length;
  }

  #pump(): void {
    while (!this.#stopped && this.#active < this.limit && this.#head < this.#waiting.length) {
      const item = this.#waiting[this.#head++] as T;
      // A long log queues thousands of blobs: forget the ones already started instead of shifting the array.
      if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
        this.#waiting = this.#waiting.slice(this.#head);
        this.#head = 0;
      }
      this.#active += 1;
      void this.task(item)
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.#active -= 1;
          this.#pump();
          this.#settle();
        });
    }
  }

  #settle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idle;
    this.#idle = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * Bytes the pipeline holds ahead of the uploads: hashed but not yet checked with the server, or waiting to be (or
 * being) uploaded. Hashing waits while it is over its limit, so a slow server does not leave gigabytes hashed far
 * ahead (whose pages would have left the page cache by the time they are uploaded).
 */
export class ByteWindow {
  #held = 0;
  #waiters: (() => void)[] = [];

  get held(): number {
    return this.#held;
  }

  add(bytes: number): void {
    this.#held += bytes;
  }

  release(bytes: number): void {
    this.#held -= bytes;
    this.wake();
  }

  /** Lets every waiter check its condition again (after a release, or when the pipeline failed). */
  wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  async waitBelow(limit: number, stopped: () => boolean): Promise<void> {
    while (this.#held >= limit && !stopped()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}
