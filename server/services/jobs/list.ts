import type { DbHandle } from "@/db/client";
import { listJobs as listJobRows } from "@/db/queries/jobs";
import { ValidationError } from "../../errors";
import { toStatus, type JobStatus } from "./queue";

/**
 * Every instance's jobs, newest first (instance administration): what runs where, how far it got, and
 * what failed, whichever instance serves the page. Finished jobs stay an hour (queue.ts).
 * Cursor: "<createdAt>:<id>" of the last row shown.
 */
export async function listJobs(ctx: DbHandle, { cursor, limit }: { cursor?: string | null; limit: number }): Promise<{ items: JobStatus[]; nextCursor: string | null }> {
  let before: { createdAt: number; id: string } | null = null;
  if (cursor) {
    const m = /^(\d+):(.+)$/.exec(cursor);
    if (!m) throw new ValidationError(`invalid cursor ${JSON.stringify(cursor)}`);
    before = { createdAt: Number(m[1]), id: m[2]! };
  }
  const rows = await listJobRows(ctx, { before, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((row) => toStatus(row)), nextCursor: rows.length > limit && last ? `${last.createdAt}:${last.id}` : null };
}
