import { AsyncLocalStorage } from "node:async_hooks";
import type { Sql } from "./sql";

/**
 * The transaction a piece of code runs in, if any. A query function handed the database's outer handle
 * inside `transaction(...)` joins that transaction rather than waiting for it (SQLite: its write lock;
 * PostgreSQL: another pooled connection that would not see the work so far), so services can keep
 * passing `ctx` around inside a transaction. Work started inside that outlives it (a background job
 * fired from a commit) finds the transaction `done` and goes back to the database itself.
 */
export interface Ambient {
  owner: object;
  tx: Sql;
  done: boolean;
}

const storage = new AsyncLocalStorage<Ambient>();

export function ambientTransaction(owner: object): Sql | undefined {
  const current = storage.getStore();
  return current && current.owner === owner && !current.done ? current.tx : undefined;
}

export async function runAmbient<T>(owner: object, tx: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const state: Ambient = { owner, tx, done: false };
  try {
    return await storage.run(state, () => fn(tx));
  } finally {
    state.done = true;
  }
}
