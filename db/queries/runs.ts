import type { RunState } from "@/lib/api-types";
import type { DbHandle } from "../client";
import { idList } from "./id-list";

/** The queries behind runs and their lineage edges (run → version logged, version → run used). */

export type { RunState };
export const RUN_STATES: readonly RunState[] = ["running", "finished", "crashed", "failed"];
export type EdgeKind = "logged" | "used";

export interface RunRow {
  id: number;
  projectId: number;
  runId: string;
  name: string;
  jobType: string | null;
  group: string | null;
  state: RunState;
  /** JSON text. */
  config: string;
  /** JSON text: the final summary metrics (W&B's wandb-summary.json). */
  summary: string;
  historyLineCount: number;
  createdAt: number;
  updatedAt: number;
}

const columns = (p: string) =>
  `${p}id, ${p}project_id as projectId, ${p}run_id as runId, ${p}name, ${p}job_type as jobType, ${p}group_name as "group", ${p}state,
   ${p}config, ${p}summary, ${p}history_line_count as historyLineCount, ${p}created_at as createdAt, ${p}updated_at as updatedAt`;
/** Joins name the table `r`; RETURNING takes bare column names. */
const RUN_COLUMNS = columns("r.");
const RUN_RETURNING = columns("");

/** A run by its project and the run id the client chose (or was given). */
export function findRunByRunId({ sql }: DbHandle, projectId: number, runId: string): Promise<RunRow | undefined> {
  return sql.get<RunRow>(`select ${RUN_COLUMNS} from runs r where r.project_id = ? and r.run_id = ?`, [projectId, runId]);
}

/**
 * The same, locking the run row until the transaction ends (PostgreSQL; SQLite drops the clause): a
 * writer that reads a run's fields and then writes them (W&B's UpsertBucket) takes it first.
 */
export function lockRunByRunId({ sql }: DbHandle, projectId: number, runId: string): Promise<RunRow | undefined> {
  return sql.get<RunRow>(`select ${RUN_COLUMNS} from runs r where r.project_id = ? and r.run_id = ? for update`, [projectId, runId]);
}

/** A run by its primary key, only when it belongs to the project. */
export function findRunByPk({ sql }: DbHandle, projectId: number, id: number): Promise<RunRow | undefined> {
  return sql.get<RunRow>(`select ${RUN_COLUMNS} from runs r where r.id = ? and r.project_id = ?`, [id, projectId]);
}

/**
 * A new run, state `running`; `config` is JSON text. Undefined when the run id is taken (a concurrent
 * creator won): the caller reads that one instead.
 */
export function insertRun(
  { sql }: DbHandle,
  row: { projectId: number; runId: string; name: string; jobType: string | null; group: string | null; config: string; now: number },
): Promise<RunRow | undefined> {
  return sql.get<RunRow>(
    `insert into runs (project_id, run_id, name, job_type, group_name, config, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (project_id, run_id) do nothing
     returning ${RUN_RETURNING}`,
    [row.projectId, row.runId, row.name, row.jobType, row.group, row.config, row.now, row.now],
  );
}

export async function updateRunState({ sql }: DbHandle, id: number, state: RunState, now: number): Promise<void> {
  await sql.run("update runs set state = ?, updated_at = ? where id = ?", [state, now, id]);
}

const RUNS_WITH_NAMESPACE = (dialect: DbHandle["sql"]["dialect"]) =>
  `select ${RUN_COLUMNS}, p.entity as entity, p.name as project from runs r join projects p on p.id = r.project_id
   where r.id in (${idList(dialect)}) order by r.created_at`;
const RUNS_WITH_NAMESPACE_TEXT = { sqlite: RUNS_WITH_NAMESPACE("sqlite"), postgres: RUNS_WITH_NAMESPACE("postgres") };

/** Runs by primary key with their project's namespace, oldest first (lineage answers). */
export function listRunsWithNamespace({ sql }: DbHandle, runPks: number[]): Promise<(RunRow & { entity: string; project: string })[]> {
  return sql.all<RunRow & { entity: string; project: string }>(RUNS_WITH_NAMESPACE_TEXT[sql.dialect], [JSON.stringify(runPks)]);
}

/** Records a lineage edge; recording it again changes nothing (a unique index on run, version, kind). */
export async function insertRunEdge({ sql }: DbHandle, edge: { runId: number; versionId: number; kind: EdgeKind; now: number }): Promise<void> {
  await sql.run("insert into run_edges (run_id, version_id, kind, created_at) values (?, ?, ?, ?) on conflict do nothing", [edge.runId, edge.versionId, edge.kind, edge.now]);
}

/** The runs that logged a version (its producers). */
export async function listProducerRunPks({ sql }: DbHandle, versionId: number): Promise<number[]> {
  const rows = await sql.all<{ runId: number }>("select run_id as runId from run_edges where version_id = ? and kind = 'logged' order by id", [versionId]);
  return rows.map((e) => e.runId);
}

export async function deleteVersionRunEdges({ sql }: DbHandle, versionId: number): Promise<void> {
  await sql.run("delete from run_edges where version_id = ?", [versionId]);
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

const PRODUCING_RUNS = (dialect: DbHandle["sql"]["dialect"]) =>
  // The outer select quotes the inner camelCase aliases: PostgreSQL folds unquoted names to lower case.
  `select "versionId", "runId", name, "jobType", state, count from (
     select e.version_id as versionId, r.run_id as runId, r.name, r.job_type as jobType, r.state,
            row_number() over (partition by e.version_id order by e.id) as rn,
            count(*) over (partition by e.version_id) as count
     from run_edges e join runs r on r.id = e.run_id
     where e.kind = 'logged' and e.version_id in (${idList(dialect)})) ranked
   where rn <= ? order by "versionId", rn`;
const PRODUCING_RUNS_TEXT = { sqlite: PRODUCING_RUNS("sqlite"), postgres: PRODUCING_RUNS("postgres") };

/** The first `perVersion` producing runs of each version, in the order they joined, with each version's total. */
export function listProducingRuns({ sql }: DbHandle, versionIds: number[], perVersion: number): Promise<ContributorRow[]> {
  return sql.all<ContributorRow>(PRODUCING_RUNS_TEXT[sql.dialect], [JSON.stringify(versionIds), perVersion]);
}
