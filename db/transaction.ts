import type { DbHandle } from "./client";

/**
 * Runs `fn` in one IMMEDIATE transaction on the shared connection: the write lock is taken at
 * BEGIN, so two writers never both read and then fail to upgrade. better-sqlite3 is synchronous:
 * `fn` must not await (an async callback would commit before its work).
 */
export function inTransaction<T>({ sqlite }: DbHandle, fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}
