import type { Database, Statement } from "better-sqlite3";
import type { ServiceContext } from "../../context";

const cache = new WeakMap<Database, Map<string, Statement>>();

/**
 * A statement compiled once per database. The walk runs the same few SQL texts for every node,
 * and compiling them again each time cost more than running them.
 * (The lead's `server/services/statements.ts` `stmt()` does the same; switch to it once merged.)
 */
export function sql<P extends unknown[] = unknown[], R = unknown>(ctx: ServiceContext, text: string): Statement<P, R> {
  let perDb = cache.get(ctx.sqlite);
  if (!perDb) cache.set(ctx.sqlite, (perDb = new Map()));
  let s = perDb.get(text);
  if (!s) perDb.set(text, (s = ctx.sqlite.prepare(text)));
  return s as unknown as Statement<P, R>;
}
