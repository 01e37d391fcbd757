import type { Statement } from "better-sqlite3";
import { prepared } from "@/db/statements";
import type { ServiceContext } from "../context";

/** The per-database statement cache (db/statements.ts) for services that still hold SQL. */
export function stmt<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(ctx: ServiceContext, sql: string): Statement<P, R> {
  return prepared<P, R>(ctx.sqlite, sql);
}
