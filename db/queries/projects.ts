import type { DbHandle } from "../client";

export interface ProjectRow {
  id: number;
  entity: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** A project by its entity and name: every read of a project's data starts here. */
export function selectProject({ sql }: DbHandle, entity: string, name: string): Promise<ProjectRow | undefined> {
  return sql.get<ProjectRow>("select id, entity, name, created_at as createdAt, updated_at as updatedAt from projects where entity = ? and name = ?", [entity, name]);
}

/**
 * Creates the project unless it exists (W&B creates projects on first write). Two instances creating it
 * at once both succeed: the loser's insert does nothing (the unique (entity, name) index decides).
 */
export async function insertProjectIfMissing({ sql }: DbHandle, entity: string, name: string, now: number): Promise<void> {
  await sql.run("insert into projects (entity, name, created_at, updated_at) values (?, ?, ?, ?) on conflict (entity, name) do nothing", [entity, name, now, now]);
}

export async function setProjectUpdatedAt({ sql }: DbHandle, projectId: number, now: number): Promise<void> {
  await sql.run("update projects set updated_at = ? where id = ?", [now, projectId]);
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
export function listProjectSummaries({ sql }: DbHandle): Promise<ProjectSummaryRow[]> {
  return sql.all<ProjectSummaryRow>(`${SUMMARY_SQL} order by p.updated_at desc, p.id desc`);
}

export function findProjectSummary({ sql }: DbHandle, projectId: number): Promise<ProjectSummaryRow | undefined> {
  return sql.get<ProjectSummaryRow>(`${SUMMARY_SQL} where p.id = ?`, [projectId]);
}
