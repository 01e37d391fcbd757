/**
 * Per-key async mutex for what belongs to this instance alone: its table-index cache files. (What
 * several instances share, blobs and W&B multipart completions, is locked in the database:
 * blobs/blob-lock.ts, blobs/store-unnamed.ts.) globalThis shares it between Next's bundles.
 */
const holder = globalThis as typeof globalThis & { __arcaLocks?: Map<string, Promise<void>> };
const tails = (holder.__arcaLocks ??= new Map());

export async function withKeyLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
