/**
 * Per-key async mutex. Blob publication (rename + row insert) and garbage collection
 * (row delete + unlink) of the same SHA-256 never interleave. Arca serves from one process
 * (SQLite), so an in-process lock is enough; globalThis shares it between Next's bundles.
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
