import { randomUUID } from "node:crypto";
import os from "node:os";
import type { DbHandle } from "@/db/client";
import { claimJob, deleteFinishedJobs, findJob, finishJob, insertJob, reportJobProgress, type JobRow, type JobRowState } from "@/db/queries/jobs";
import { asDomainError, NotFoundError } from "../../errors";

/**
 * Long work as rows in the `jobs` table (issue 11): whichever instance's runner claims a job runs it,
 * the others can show its progress, and a job whose instance died is claimed again once its heartbeat
 * is stale. One instance behaves as before: `enqueueJob` wakes the local runner, which claims the job
 * at once.
 */
export interface JobStatus<R = unknown> {
  id: string;
  kind: string;
  state: JobRowState;
  done: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  result: R | null;
  error: string | null;
}

/** What the queue needs of a service context: the database and a clock. */
type Clocked = DbHandle & { now: () => number };

export interface JobProgress {
  /** Moves the progress bar; written to the database at most every PROGRESS_FLUSH_MS. */
  report(done: number): void;
  /** Aborted when this instance lost the job (its heartbeat went stale and another claimed it): stop between batches. */
  signal: AbortSignal;
}

/** Runs one job. It may run again after a crash, so each step must be safe to repeat (re-select what is left). */
export type JobHandler<C extends Clocked, I, R> = (ctx: C, input: I, progress: JobProgress) => Promise<R>;

export interface RunnerOptions {
  /** How often an idle runner looks for work queued by another instance. */
  pollMs?: number;
  /** A running job whose heartbeat is older than this is another instance's to take over. */
  staleMs?: number;
  /** Who claims (logs and the `owner` column). */
  owner?: string;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;
const PROGRESS_FLUSH_MS = 500;

const toIso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toStatus<R>(row: JobRow): JobStatus<R> {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    done: row.done,
    total: row.total,
    startedAt: toIso(row.startedAt),
    finishedAt: toIso(row.finishedAt),
    result: row.result === null ? null : (JSON.parse(row.result) as R),
    error: row.error,
  };
}

/** Queues a job and wakes this instance's runner; any instance's runner may take it. */
export async function enqueueJob<I>(ctx: Clocked, job: { kind: string; input: I; total: number }): Promise<JobStatus & { input: I }> {
  const id = randomUUID();
  const now = ctx.now();
  await deleteFinishedJobs(ctx, now - KEEP_FINISHED_MS);
  await insertJob(ctx, { id, kind: job.kind, input: JSON.stringify(job.input), total: job.total, now });
  for (const runner of runners) if (runner.serves(ctx, job.kind)) runner.wake();
  return { id, kind: job.kind, state: "queued", done: 0, total: job.total, startedAt: null, finishedAt: null, result: null, error: null, input: job.input };
}

/** A job's state as any instance sees it, with its input (callers check it is theirs to show). */
export async function getJobStatus<I, R>(ctx: DbHandle, { id, kind }: { id: string; kind: string }): Promise<JobStatus<R> & { input: I }> {
  const row = await findJob(ctx, id);
  if (!row || row.kind !== kind) {
    throw new NotFoundError(`job ${id} is unknown: it finished over an hour ago. Preview again to see what is left.`);
  }
  return { ...toStatus<R>(row), input: JSON.parse(row.input) as I };
}

const holder = globalThis as typeof globalThis & { __arcaJobRunners?: Set<JobRunner<Clocked>> };
const runners = (holder.__arcaJobRunners ??= new Set());

/**
 * Claims and runs jobs of the kinds it has handlers for, one at a time (long jobs are I/O and
 * database bound; two at once on a 2-core machine only slow each other), until `stop()`.
 */
export class JobRunner<C extends Clocked> {
  readonly owner: string;
  readonly #handlers = new Map<string, JobHandler<C, unknown, unknown>>();
  readonly #pollMs: number;
  readonly #staleMs: number;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #current: AbortController | undefined;

  constructor(
    readonly ctx: C,
    { pollMs = 2_000, staleMs = 30_000, owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` }: RunnerOptions = {},
  ) {
    this.owner = owner;
    this.#pollMs = pollMs;
    this.#staleMs = staleMs;
  }

  handle<I, R>(kind: string, handler: JobHandler<C, I, R>): this {
    this.#handlers.set(kind, handler as JobHandler<C, unknown, unknown>);
    this.wake();
    return this;
  }

  serves(ctx: DbHandle, kind: string): boolean {
    return ctx.sql === this.ctx.sql && this.#handlers.has(kind);
  }

  start(): this {
    if (this.#running) return this;
    this.#running = true;
    runners.add(this as unknown as JobRunner<Clocked>);
    this.#loop = this.#run();
    return this;
  }

  /** Stops claiming; a job in progress is abandoned (another runner takes it over once stale). */
  async stop(): Promise<void> {
    this.#running = false;
    runners.delete(this as unknown as JobRunner<Clocked>);
    this.#current?.abort();
    this.wake();
    await this.#loop;
  }

  wake(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let claimed: JobRow | undefined;
      try {
        const now = this.ctx.now();
        claimed = await claimJob(this.ctx, { owner: this.owner, kinds: [...this.#handlers.keys()], now, staleBefore: now - this.#staleMs });
      } catch (error) {
        console.error(`[arca] job runner ${this.owner} could not claim work`, error);
      }
      if (claimed) await this.#execute(claimed);
      else await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollMs);
        timer.unref();
        this.#wake = () => (clearTimeout(timer), resolve());
      });
      this.#wake = undefined;
    }
  }

  async #execute(job: JobRow): Promise<void> {
    const handler = this.#handlers.get(job.kind)!;
    const abort = (this.#current = new AbortController());
    let done = job.done;
    let flushed = Date.now();
    const beat = async () => {
      if ((await reportJobProgress(this.ctx, { id: job.id, owner: this.owner, done, now: this.ctx.now() })) === 0) abort.abort();
    };
    const heartbeat = setInterval(() => void beat().catch(() => undefined), Math.max(50, this.#staleMs / 4));
    heartbeat.unref();
    const progress: JobProgress = {
      signal: abort.signal,
      report: (n) => {
        done = n;
        if (Date.now() - flushed >= PROGRESS_FLUSH_MS) {
          flushed = Date.now();
          void beat().catch(() => undefined);
        }
      },
    };
    let end: { state: "succeeded" | "failed"; result: string | null; error: string | null; done: number | null };
    try {
      const result = await handler(this.ctx, JSON.parse(job.input), progress);
      end = { state: "succeeded", result: JSON.stringify(result ?? null), error: null, done: job.total };
    } catch (error) {
      // A domain error already speaks to the user; anything else is a bug whose details stay in the log.
      const domain = asDomainError(error);
      if (domain !== error && !abort.signal.aborted) console.error(`[arca] job ${job.kind} ${job.id} failed`, error);
      end = { state: "failed", result: null, error: domain ? domain.message : "internal error: the server logged the details", done: null };
    } finally {
      clearInterval(heartbeat);
      this.#current = undefined;
    }
    if (abort.signal.aborted) return; // another instance holds it now, or this one is stopping
    try {
      await finishJob(this.ctx, { id: job.id, owner: this.owner, ...end, now: this.ctx.now() });
    } catch (error) {
      console.error(`[arca] job ${job.kind} ${job.id}: could not record its end`, error);
    }
  }
}
