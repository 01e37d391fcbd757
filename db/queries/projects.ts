import type { Database } from "better-sqlite3";
import type { projects } from "../schema";
import { prepared } from "../statements";

export type ProjectRow = typeof projects.$inferSelect;

/** A project by its entity and name: every read of a project's data starts here, so the statement is compiled once. */
export function selectProject(sqlite: Database, entity: string, name: string): ProjectRow | undefined {
  return prepared<[string, string], ProjectRow>(
    sqlite,
    "select id, entity, name, created_at as createdAt, updated_at as updatedAt from projects where entity = ? and name = ?",
  ).get(entity, name);
}
