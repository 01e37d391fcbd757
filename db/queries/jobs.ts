import type { DbHandle } from "../client";

export type JobRowState = "queued" | "running" | "succeeded" | "failed";

export interface JobRow {
  id: string;
  kind: string;
  scope: string | null;
  state: JobRowState;
  input: string;
  done: number;
  total: number;
  result: string | null;
  error: string | null;
  errorCode: string | null;
  owner: string | null;
  attempts: number;
  heartbeatAt: number | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** What a status poll reads: everything but the input (a cleanup's lists 100,000 version ids). */
const STATUS_COLUMNS = `id, kind, scope, state, done, total, result, error, error_code as errorCode, owner, attempts, heartbeat_at as heartbeatAt,
  created_at as createdAt, started_at as startedAt, finished_at as finishedAt`;
const COLUMNS = `id, kind, scope, state, input, done, total, result, error, error_code as errorCode, owner, attempts, heartbeat_at as heartbeatAt,
  created_at as createdAt, started_at as startedAt, finished_at as finishedAt`;

export async function insertJob(
  { sql }: DbHandle,
  job: { id: string; kind: string; scope: string | null; input: string; total: number; now: number },
): Promise<void> {
  await sql.run(`insert into jobs (id, kind, scope, state, input, total, created_at) values (?, ?, ?, 'queued', ?, ?, ?)`, [
    job.id,
    job.kind,
    job.scope,
    job.input,
    job.total,
    job.now,
  ]);
}

export type JobStatusRow = Omit<JobRow, "input">;

export function findJob({ sql }: DbHandle, id: string): Promise<JobStatusRow | undefined> {
  return sql.get<JobStatusRow>(`select ${STATUS_COLUMNS} from jobs where id = ?`, [id]);
}

/** A job's input (JSON), read apart from its status: a cleanup's is large. */
export async function findJobInput({ sql }: DbHandle, id: string): Promise<string | undefined> {
  return (await sql.get<{ input: string }>(`select input from jobs where id = ?`, [id]))?.input;
}

/** The oldest queued or running job of a kind (and scope): what a second request for the same work joins. */
export function findActiveJob({ sql }: DbHandle, { kind, scope }: { kind: string; scope: string | null }): Promise<JobStatusRow | undefined> {
  return sql.get<JobStatusRow>(
    `select ${STATUS_COLUMNS} from jobs where kind = ? and coalesce(scope, '') = ? and state in ('queued', 'running') order by created_at, id limit 1`,
    [kind, scope ?? ""],
  );
}

/** The newest jobs, for the administration page; keyset on (created_at, id) descending. */
export function listJobs({ sql }: DbHandle, { before, limit }: { before: { createdAt: number; id: string } | null; limit: number }): Promise<JobStatusRow[]> {
  return before
    ? sql.all<JobStatusRow>(`select ${STATUS_COLUMNS} from jobs where (created_at < ? or (created_at = ? and id < ?)) order by created_at desc, id desc limit ?`, [
        before.createdAt,
        before.createdAt,
        before.id,
        limit,
      ])
    : sql.all<JobStatusRow>(`select ${STATUS_COLUMNS} from jobs order by created_at desc, id desc limit ?`, [limit]);
}

/**
 * Claims the oldest job of `kinds` that is queued, or running under an owner whose heartbeat is older
 * than `staleBefore` (that instance died), for `owner`; undefined when there is none. One statement:
 * on PostgreSQL `for update skip locked` lets several instances claim at once without waiting on each
 * other or taking the same row; SQLite's writers are serial anyway.
 */
export function claimJob({ sql }: DbHandle, claim: { owner: string; kinds: readonly string[]; now: number; staleBefore: number }): Promise<JobRow | undefined> {
  if (claim.kinds.length === 0) return Promise.resolve(undefined);
  const kinds = claim.kinds.map(() => "?").join(", ");
  return sql.get<JobRow>(
    `update jobs set state = 'running', owner = ?, heartbeat_at = ?, attempts = attempts + 1, started_at = coalesce(started_at, ?)
     where id = (
       select id from jobs
       where kind in (${kinds}) and (state = 'queued' or (state = 'running' and heartbeat_at < ?))
       order by created_at, id limit 1
       for update skip locked
     )
     returning ${COLUMNS}`,
    [claim.owner, claim.now, claim.now, ...claim.kinds, claim.staleBefore],
  );
}

/**
 * Progress and heartbeat of a job its owner still holds; 0 changes means another instance took it over.
 * `partial`: the handler's tally so far (JSON, kept in `result` while running), what a takeover resumes from.
 */
export async function reportJobProgress({ sql }: DbHandle, report: { id: string; owner: string; done: number; partial: string | null; now: number }): Promise<number> {
  const { changes } = await sql.run(`update jobs set done = ?, result = coalesce(?, result), heartbeat_at = ? where id = ? and owner = ? and state = 'running'`, [
    report.done,
    report.partial,
    report.now,
    report.id,
    report.owner,
  ]);
  return changes;
}

/** The end of a job, recorded only by the owner that still holds it. */
export async function finishJob(
  { sql }: DbHandle,
  end: {
    id: string;
    owner: string;
    state: "succeeded" | "failed";
    done: number | null;
    result: string | null;
    error: string | null;
    errorCode: string | null;
    now: number;
  },
): Promise<number> {
  const { changes } = await sql.run(
    `update jobs set state = ?, done = coalesce(?, done), result = ?, error = ?, error_code = ?, finished_at = ?, heartbeat_at = ?
     where id = ? and owner = ? and state = 'running'`,
    [end.state, end.done, end.result, end.error, end.errorCode, end.now, end.now, end.id, end.owner],
  );
  return changes;
}

/** Finished jobs older than `before` go (their outcome was on screen long enough). */
export async function deleteFinishedJobs({ sql }: DbHandle, before: number): Promise<number> {
  const { changes } = await sql.run(`delete from jobs where state in ('succeeded', 'failed') and finished_at < ?`, [before]);
  return changes;
}
