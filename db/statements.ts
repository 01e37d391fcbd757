import type { Database, Statement } from "better-sqlite3";

const cache = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement compiled once per database: hot read paths (grid pages, DTO loading,
 * the access check of every request) run the same few SQL texts thousands of times.
 */
export function prepared<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(sqlite: Database, sql: string): Statement<P, R> {
  let perDb = cache.get(sqlite);
  if (!perDb) cache.set(sqlite, (perDb = new Map()));
  let s = perDb.get(sql);
  if (!s) perDb.set(sql, (s = sqlite.prepare(sql)));
  return s as unknown as Statement<P, R>;
}
