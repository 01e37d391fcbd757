import { eq } from "drizzle-orm";
import type { LegacyDbHandle } from "../client";
import { projects } from "../schema";
import { prepared } from "../statements";

export type ProjectRow = typeof projects.$inferSelect;

/** A project by its entity and name: every read of a project's data starts here, so the statement is compiled once. */
export function selectProject({ sqlite }: LegacyDbHandle, entity: string, name: string): ProjectRow | undefined {
  return prepared<[string, string], ProjectRow>(
    sqlite,
    "select id, entity, name, created_at as createdAt, updated_at as updatedAt from projects where entity = ? and name = ?",
  ).get(entity, name);
}

/** Creates the project unless it exists (W&B creates projects on first write); a concurrent creator wins quietly. */
export function insertProjectIfMissing({ db }: LegacyDbHandle, entity: string, name: string, now: number): void {
  db.insert(projects).values({ entity, name, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
}

export function setProjectUpdatedAt({ db }: LegacyDbHandle, projectId: number, now: number): void {
  db.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId)).run();
}

export interface ProjectSummaryRow {
  entity: string;
  project: string;
  collections: number;
  versions: number;
  runs: number;
  updatedAt: number;
}

// Counts come from the kept-up-to-date collection counters, never from recounting versions.
const SUMMARY_SQL = `select p.entity, p.name as project, p.updated_at as updatedAt,
          (select count(*) from collections c where c.project_id = p.id) as collections,
          (select coalesce(sum(c.version_count), 0) from collections c where c.project_id = p.id) as versions,
          (select count(*) from runs r where r.project_id = p.id) as runs
   from projects p`;

/** Every project with its counts, most recently updated first (the caller filters by the access policy). */
export function listProjectSummaries({ sqlite }: LegacyDbHandle): ProjectSummaryRow[] {
  return prepared<[], ProjectSummaryRow>(sqlite, `${SUMMARY_SQL} order by p.updated_at desc, p.id desc`).all();
}

export function findProjectSummary({ sqlite }: LegacyDbHandle, projectId: number): ProjectSummaryRow | undefined {
  return prepared<[number], ProjectSummaryRow>(sqlite, `${SUMMARY_SQL} where p.id = ?`).get(projectId);
}
