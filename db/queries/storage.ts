import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/** A project's logical size: its collections' kept-up-to-date totals (committed versions, before dedup). */
export function sumProjectBytes({ sqlite }: LegacyDbHandle, projectId: number): { bytes: number; versions: number } {
  return prepared<[number], { bytes: number; versions: number }>(
    sqlite,
    "select coalesce(sum(total_size), 0) as bytes, coalesce(sum(version_count), 0) as versions from collections where project_id = ?",
  ).get(projectId)!;
}
