import type { Database } from "better-sqlite3";
import type { collections } from "../schema";
import { prepared } from "../statements";

export type CollectionRow = typeof collections.$inferSelect;

/** A collection by its project and name (every version read resolves one first). */
export function selectCollection(sqlite: Database, projectId: number, name: string): CollectionRow | undefined {
  return prepared<[number, string], CollectionRow>(
    sqlite,
    `select id, project_id as projectId, name, type, description, next_version_index as nextVersionIndex,
            version_count as versionCount, total_size as totalSize, created_at as createdAt, updated_at as updatedAt
     from collections where project_id = ? and name = ?`,
  ).get(projectId, name);
}
