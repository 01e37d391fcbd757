import type { DbHandle } from "../client";

/** A project's logical size: its collections' kept-up-to-date totals (committed versions, before dedup). */
export async function sumProjectBytes({ sql }: DbHandle, projectId: number): Promise<{ bytes: number; versions: number }> {
  return (await sql.get<{ bytes: number; versions: number }>(
    "select coalesce(sum(total_size), 0) as bytes, coalesce(sum(version_count), 0) as versions from collections where project_id = ?",
    [projectId],
  ))!;
}
