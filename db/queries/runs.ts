import type { LegacyDbHandle } from "../client";
import type { EdgeKind, runs, RunState } from "../schema";
import { prepared } from "../statements";

/** The queries behind runs and their lineage edges (run → version logged, version → run used). */

export type RunRow = typeof runs.$inferSelect;
export { RUN_STATES, type RunState } from "../schema";

const columns = (p: string) =>
  `${p}id, ${p}project_id as projectId, ${p}run_id as runId, ${p}name, ${p}job_type as jobType, ${p}group_name as "group", ${p}state,
   ${p}config, ${p}summary, ${p}history_line_count as historyLineCount, ${p}created_at as createdAt, ${p}updated_at as updatedAt`;
/** Joins name the table `r`; RETURNING takes bare column names. */
const RUN_COLUMNS = columns("r.");
const RUN_RETURNING = columns("");

/** A run by its project and the run id the client chose (or was given). */
export function findRunByRunId({ sqlite }: LegacyDbHandle, projectId: number, runId: string): RunRow | undefined {
  return prepared<[number, string], RunRow>(sqlite, `select ${RUN_COLUMNS} from runs r where r.project_id = ? and r.run_id = ?`).get(projectId, runId);
}

/** A run by its primary key, only when it belongs to the project. */
export function findRunByPk({ sqlite }: LegacyDbHandle, projectId: number, id: number): RunRow | undefined {
  return prepared<[number, number], RunRow>(sqlite, `select ${RUN_COLUMNS} from runs r where r.id = ? and r.project_id = ?`).get(id, projectId);
}

/** A new run, state `running`; `config` is JSON text. */
export function insertRun(
  { sqlite }: LegacyDbHandle,
  row: { projectId: number; runId: string; name: string; jobType: string | null; group: string | null; config: string; now: number },
): RunRow {
  return prepared<Record<string, unknown>, RunRow>(
    sqlite,
    `insert into runs (project_id, run_id, name, job_type, group_name, config, created_at, updated_at)
     values (@projectId, @runId, @name, @jobType, @group, @config, @now, @now)
     returning ${RUN_RETURNING}`,
  ).get(row)!;
}

export function updateRunState({ sqlite }: LegacyDbHandle, id: number, state: RunState, now: number): void {
  prepared<[string, number, number]>(sqlite, "update runs set state = ?, updated_at = ? where id = ?").run(state, now, id);
}

/** Runs by primary key with their project's namespace, oldest first (lineage answers). */
export function listRunsWithNamespace({ sqlite }: LegacyDbHandle, runPks: number[]): (RunRow & { entity: string; project: string })[] {
  return prepared<[string], RunRow & { entity: string; project: string }>(
    sqlite,
    `select ${RUN_COLUMNS}, p.entity as entity, p.name as project from runs r join projects p on p.id = r.project_id
     where r.id in (select value from json_each(?)) order by r.created_at`,
  ).all(JSON.stringify(runPks));
}

/** Records a lineage edge; recording it again changes nothing (a unique index on run, version, kind). */
export function insertRunEdge({ sqlite }: LegacyDbHandle, edge: { runId: number; versionId: number; kind: EdgeKind; now: number }): void {
  prepared<Record<string, unknown>>(
    sqlite,
    "insert into run_edges (run_id, version_id, kind, created_at) values (@runId, @versionId, @kind, @now) on conflict do nothing",
  ).run(edge);
}

/** The runs that logged a version (its producers). */
export function listProducerRunPks({ sqlite }: LegacyDbHandle, versionId: number): number[] {
  return prepared<[number], { runId: number }>(sqlite, "select run_id as runId from run_edges where version_id = ? and kind = 'logged'")
    .all(versionId)
    .map((e) => e.runId);
}

export function deleteVersionRunEdges({ sqlite }: LegacyDbHandle, versionId: number): void {
  prepared<[number]>(sqlite, "delete from run_edges where version_id = ?").run(versionId);
}

export interface ContributorRow {
  versionId: number;
  runId: string;
  name: string;
  jobType: string | null;
  state: string;
  /** All producers of the version, beyond the `perVersion` returned. */
  count: number;
}

/** The first `perVersion` producing runs of each version, in the order they joined, with each version's total. */
export function listProducingRuns({ sqlite }: LegacyDbHandle, versionIds: number[], perVersion: number): ContributorRow[] {
  return prepared<[string, number], ContributorRow>(
    sqlite,
    `select versionId, runId, name, jobType, state, count from (
       select e.version_id as versionId, r.run_id as runId, r.name, r.job_type as jobType, r.state,
              row_number() over (partition by e.version_id order by e.id) as rn,
              count(*) over (partition by e.version_id) as count
       from run_edges e join runs r on r.id = e.run_id
       where e.kind = 'logged' and e.version_id in (select value from json_each(?)))
     where rn <= ? order by versionId, rn`,
  ).all(JSON.stringify(versionIds), perVersion);
}
