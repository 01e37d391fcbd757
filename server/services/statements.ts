import type { Database, Statement } from "better-sqlite3";
import type { ServiceContext } from "../context";

const cache = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement compiled once per database: hot read paths (grid pages, DTO loading)
 * run the same few SQL texts thousands of times.
 */
export function stmt<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(ctx: ServiceContext, sql: string): Statement<P, R> {
  let perDb = cache.get(ctx.sqlite);
  if (!perDb) cache.set(ctx.sqlite, (perDb = new Map()));
  let s = perDb.get(sql);
  if (!s) perDb.set(sql, (s = ctx.sqlite.prepare(sql)));
  return s as unknown as Statement<P, R>;
}
