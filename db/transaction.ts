import type { DbHandle } from "./client";
import type { TransactionOptions } from "./sql/sql";

/**
 * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside, pass
 * the handle (`ctx`) to queries as everywhere else: they join this transaction (db/sql/ambient.ts).
 * SQLite: BEGIN IMMEDIATE under the write lock, held across `fn`'s awaits, so keep slow I/O (blob
 * bytes, HTTP) outside. PostgreSQL: read committed; lock what you read and then write (`for update`),
 * or ask for `isolation: "serializable"`. A serialization failure or deadlock runs `fn` again, so it
 * must have no effects outside the database.
 */
export function transaction<T>({ sql }: DbHandle, fn: () => Promise<T>, options?: TransactionOptions): Promise<T> {
  return sql.transaction(() => fn(), options);
}
