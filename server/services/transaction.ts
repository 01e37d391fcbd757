import type { ServiceContext } from "../context";

/**
 * Runs `fn` in one IMMEDIATE transaction on the shared connection. better-sqlite3 is
 * synchronous: `fn` must not await (an async callback would commit before its work).
 */
export function inTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  return ctx.sqlite.transaction(fn).immediate();
}
