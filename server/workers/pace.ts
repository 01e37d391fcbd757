/**
 * Long loops on the main thread (checking, inserting, loading 200,000 manifest entries) call
 * `await pace()` every few hundred items: once the current slice has run `sliceMs`, it waits one
 * turn of the event loop (setImmediate), so timers, I/O and other requests get theirs. On SQLite an
 * `await` of a query is only a microtask (better-sqlite3 answers synchronously): without this, a
 * loop of awaits holds the loop as surely as a synchronous one.
 */
export function createPacer(sliceMs = 10): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    start = performance.now();
  };
}

/** Consecutive slices of `size` items (the last may be shorter). */
export function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
