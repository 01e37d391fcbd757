import { randomUUID } from "node:crypto";
import { asDomainError, NotFoundError } from "../errors";

/**
 * Long-running work (a cleanup of 100,000 versions) runs in the server process in batches and
 * reports progress here; the UI polls `getJob`. In memory on purpose: one process serves Arca, a job
 * lives minutes, and a restart mid-job leaves the database consistent (each batch is its own
 * transaction), so the user just previews and starts again.
 */
export type JobState = "running" | "succeeded" | "failed";

export interface JobStatus<R = unknown> {
  id: string;
  kind: string;
  state: JobState;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: R | null;
  error: string | null;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;

// Next bundles route handlers separately; globalThis keeps one registry per process.
const holder = globalThis as typeof globalThis & { __arcaJobs?: Map<string, JobStatus> };
const jobs = (holder.__arcaJobs ??= new Map());

function evictOld(now: number): void {
  for (const [id, job] of jobs) {
    if (job.finishedAt !== null && now - Date.parse(job.finishedAt) > KEEP_FINISHED_MS) jobs.delete(id);
  }
}

/** Starts `work` without awaiting it; `report(done)` moves the progress bar. */
export function startJob<R>(kind: string, total: number, work: (report: (done: number) => void) => Promise<R>): JobStatus<R> {
  evictOld(Date.now());
  const job: JobStatus<R> = { id: randomUUID(), kind, state: "running", done: 0, total, startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null };
  jobs.set(job.id, job);
  work((done) => (job.done = done)).then(
    (result) => Object.assign(job, { state: "succeeded", result, done: total, finishedAt: new Date().toISOString() }),
    (error: unknown) => {
      // A domain error already speaks to the user; anything else is a bug whose details stay in the log.
      const domain = asDomainError(error);
      if (domain !== error) console.error(`[arca] job ${kind} ${job.id} failed`, error);
      const message = domain ? domain.message : "internal error: the server logged the details";
      Object.assign(job, { state: "failed", error: message, finishedAt: new Date().toISOString() });
    },
  );
  return { ...job };
}

export function getJob<R>(id: string, kind: string): JobStatus<R> {
  const job = jobs.get(id);
  if (!job || job.kind !== kind) {
    throw new NotFoundError(`job ${id} is unknown: it finished over an hour ago or the server restarted. Preview again to see what is left.`);
  }
  return { ...(job as JobStatus<R>) };
}
