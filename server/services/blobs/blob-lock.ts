import type { ServiceContext } from "../../context";

/**
 * Publishing a blob (bytes in place, then its row) and collecting it (row gone, then bytes) never
 * interleave for one SHA-256, across every instance on the database: an advisory lock on PostgreSQL,
 * an in-process lock on SQLite (db/sql/sql.ts `withLock`). Blob leases keep GC off blobs being
 * uploaded; this lock closes the window between GC's re-check and its delete.
 */
export function withBlobLock<T>(ctx: Pick<ServiceContext, "sql">, sha256: string, fn: () => Promise<T>): Promise<T> {
  return ctx.sql.withLock(`blob:${sha256}`, fn);
}
