import { randomUUID } from "node:crypto";
import os from "node:os";
import type { DbHandle, LockingDbHandle } from "@/db/client";
import {
  claimJob,
  deleteFinishedJobs,
  findActiveJob,
  findJob,
  findJobInput,
  finishJob,
  insertJob,
  reportJobProgress,
  type JobRow,
  type JobRowState,
  type JobStatusRow,
} from "@/db/queries/jobs";
import { asDomainError, DomainError, NotFoundError, type ErrorCode } from "../../errors";

/**
 * Long work as rows in the `jobs` table (issue 11): whichever instance's runner claims a job runs it,
 * the others can show its progress, and a job whose instance died is claimed again once its heartbeat
 * is stale. One instance behaves as before: `enqueueJob` wakes the local runner, which claims the job
 * at once.
 */
export interface JobStatus<R = unknown> {
  id: string;
  kind: string;
  /** "entity/project" for a project's job; null for the instance's (GC, key rotation). */
  scope: string | null;
  state: JobRowState;
  done: number;
  total: number;
  /** Which instance runs (or ran) it: host, process and a random tag. */
  owner: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The handler's result, once it succeeded. */
  result: R | null;
  error: string | null;
}

/** What the queue needs of a service context: the database and a clock. */
export type Clocked = DbHandle & { now: () => number };

export interface JobProgress<P = unknown> {
  /**
   * Moves the progress bar; written to the database at most every PROGRESS_FLUSH_MS. `partial`: the
   * handler's tally so far, saved with it, so an instance that takes the job over resumes from there.
   */
  report(done: number, partial?: P): void;
  /** Where a job taken over from a dead instance stands: its last saved progress and tally (0 and null on a first run). */
  resumed: { done: number; partial: P | null };
  /** Aborted when this instance lost the job (its heartbeat went stale and another claimed it): stop between batches. */
  signal: AbortSignal;
}

/** Runs one job. It may run again after a crash, so each step must be safe to repeat (re-check what is left). */
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

export function toStatus<R>(row: JobStatusRow): JobStatus<R> {
  return {
    id: row.id,
    kind: row.kind,
    scope: row.scope,
    state: row.state,
    done: row.done,
    total: row.total,
    owner: row.owner,
    createdAt: new Date(row.createdAt).toISOString(),
    startedAt: toIso(row.startedAt),
    finishedAt: toIso(row.finishedAt),
    // While it runs, `result` holds the handler's partial tally: not a result yet.
    result: row.state === "succeeded" && row.result !== null ? (JSON.parse(row.result) as R) : null,
    error: row.error,
  };
}

// Job kinds the server runs, registered by the modules that define them (defineJob). globalThis: Next
// bundles route handlers separately, and every bundle must see every kind and the one runner per database.
interface Registry {
  kinds: Map<string, JobHandler<Clocked, unknown, unknown>>;
  runners: Set<JobRunner<Clocked>>;
  /** The runner `ensureJobRunner` started for each database handle. */
  shared: Map<object, JobRunner<Clocked>>;
}
const holder = globalThis as typeof globalThis & { __arcaJobs?: Registry };
const registry = (holder.__arcaJobs ??= { kinds: new Map(), runners: new Set(), shared: new Map() });

/** A kind of job, run by any instance's runner; `enqueue` queues one. */
export interface JobKind<C extends Clocked, I, R> {
  kind: string;
  run: JobHandler<C, I, R>;
}

/** Registers a kind of job with this process's runners (call at module load, next to the handler). */
export function defineJob<C extends Clocked, I, R>(kind: string, run: JobHandler<C, I, R>): JobKind<C, I, R> {
  registry.kinds.set(kind, run);
  for (const runner of registry.runners) runner.wake();
  return { kind, run };
}

/**
 * Queues a job and wakes this instance's runner (starting it if needed); any instance's runner may take
 * it. `scope`: who may see it ("entity/project"), null for the instance's own jobs.
 */
export async function enqueueJob<I>(ctx: Clocked, job: { kind: string; scope?: string | null; input: I; total: number }): Promise<JobStatus> {
  const id = randomUUID();
  const now = ctx.now();
  const scope = job.scope ?? null;
  await deleteFinishedJobs(ctx, now - KEEP_FINISHED_MS);
  await insertJob(ctx, { id, kind: job.kind, scope, input: JSON.stringify(job.input), total: job.total, now });
  if (registry.kinds.has(job.kind)) ensureJobRunner(ctx);
  for (const runner of registry.runners) if (runner.serves(ctx, job.kind)) runner.wake();
  const at = new Date(now).toISOString();
  return { id, kind: job.kind, scope, state: "queued", done: 0, total: job.total, owner: null, createdAt: at, startedAt: null, finishedAt: null, result: null, error: null };
}

/**
 * The queued or running job of this kind and scope, or a new one: one GC at a time across every
 * instance. The check and the insert hold a database lock, so two instances asking at once get one job.
 */
export async function enqueueOnce<I>(ctx: Clocked & LockingDbHandle, job: { kind: string; scope?: string | null; input: I; total: number }): Promise<JobStatus & { joined: boolean }> {
  return ctx.sql.withLock(`arca job ${job.kind} ${job.scope ?? ""}`, async () => {
    const active = await findActiveJob(ctx, { kind: job.kind, scope: job.scope ?? null });
    if (active) return { ...toStatus(active), joined: true };
    return { ...(await enqueueJob(ctx, job)), joined: false };
  });
}

/** A job's state as any instance sees it. `scope`: the job must be this scope's, else it is unknown here. */
export async function getJobStatus<R>(ctx: DbHandle, { id, kind, scope = null }: { id: string; kind: string; scope?: string | null }): Promise<JobStatus<R>> {
  const row = await findJob(ctx, id);
  if (!row || row.kind !== kind || row.scope !== scope) {
    throw new NotFoundError(`job ${id} is unknown: it finished over an hour ago. Preview again to see what is left.`);
  }
  return toStatus<R>(row);
}

/** A job's input, as it was queued. */
export async function getJobInput<I>(ctx: DbHandle, id: string): Promise<I> {
  const input = await findJobInput(ctx, id);
  if (input === undefined) throw new NotFoundError(`job ${id} is unknown`);
  return JSON.parse(input) as I;
}

/**
 * Waits for a job to end (polling its row: another instance may run it); a failed job throws its error.
 * `onPoll` sees each status on the way (a CLI prints the progress of a job another process runs).
 */
export async function waitForJob<R>(
  ctx: DbHandle,
  { id, kind, scope = null, pollMs = 100, onPoll }: { id: string; kind: string; scope?: string | null; pollMs?: number; onPoll?: (status: JobStatus<R>) => void },
): Promise<R> {
  for (;;) {
    const row = await findJob(ctx, id);
    if (!row || row.kind !== kind || row.scope !== scope) throw new NotFoundError(`job ${id} is unknown`);
    onPoll?.(toStatus<R>(row));
    if (row.state === "succeeded") return toStatus<R>(row).result as R;
    if (row.state === "failed") {
      // A bug's details are in the log of the instance that ran it; the caller answers a plain 500.
      if (row.errorCode === null) throw new Error(`job ${id} failed: ${row.error ?? "see the server log"}`);
      throw new DomainError(row.errorCode as ErrorCode, row.error ?? "the job failed");
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** This process's runner for the database `ctx` names, running every defined kind; started on first call. */
export function ensureJobRunner<C extends Clocked>(ctx: C, options: RunnerOptions = {}): JobRunner<C> {
  let runner = registry.shared.get(ctx.sql) as JobRunner<C> | undefined;
  if (!runner) {
    runner = new JobRunner(ctx, { ...options, handlers: registry.kinds as Map<string, JobHandler<C, unknown, unknown>> }).start();
    registry.shared.set(ctx.sql, runner);
  }
  return runner;
}

/** Stops the runner `ensureJobRunner` started for this database, if any (before closing the database). */
export async function stopJobRunner(ctx: DbHandle): Promise<void> {
  const runner = registry.shared.get(ctx.sql);
  if (!runner) return;
  registry.shared.delete(ctx.sql);
  await runner.stop();
}

/**
 * Claims and runs jobs of the kinds it has handlers for, one at a time (long jobs are I/O and
 * database bound; two at once on a 2-core machine only slow each other), until `stop()`.
 */
export class JobRunner<C extends Clocked> {
  readonly owner: string;
  readonly #handlers: Map<string, JobHandler<C, unknown, unknown>>;
  readonly #pollMs: number;
  readonly #staleMs: number;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #current: AbortController | undefined;

  /** `handlers`: a live map of kinds (the registry's); without it, the runner runs what `handle` adds. */
  constructor(
    readonly ctx: C,
    {
      pollMs = 2_000,
      staleMs = 30_000,
      owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      handlers = new Map(),
    }: RunnerOptions & { handlers?: Map<string, JobHandler<C, unknown, unknown>> } = {},
  ) {
    this.owner = owner;
    this.#pollMs = pollMs;
    this.#staleMs = staleMs;
    this.#handlers = handlers;
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
    registry.runners.add(this as unknown as JobRunner<Clocked>);
    this.#loop = this.#run();
    return this;
  }

  /** Stops claiming; a job in progress is abandoned (another runner takes it over once stale). */
  async stop(): Promise<void> {
    this.#running = false;
    registry.runners.delete(this as unknown as JobRunner<Clocked>);
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
        if (this.#running) console.error(`[arca] job runner ${this.owner} could not claim work`, error);
      }
      if (claimed) await this.#execute(claimed);
      else if (this.#running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          timer.unref();
          this.#wake = () => (clearTimeout(timer), resolve());
        });
      }
      this.#wake = undefined;
    }
  }

  async #execute(job: JobRow): Promise<void> {
    const handler = this.#handlers.get(job.kind)!;
    const abort = (this.#current = new AbortController());
    let done = job.done;
    let partial: string | null = null;
    let flushed = Date.now();
    const beat = async () => {
      const saved = partial;
      partial = null;
      if ((await reportJobProgress(this.ctx, { id: job.id, owner: this.owner, done, partial: saved, now: this.ctx.now() })) === 0) abort.abort();
    };
    const heartbeat = setInterval(() => void beat().catch(() => undefined), Math.max(50, this.#staleMs / 4));
    heartbeat.unref();
    const progress: JobProgress = {
      signal: abort.signal,
      resumed: { done: job.done, partial: job.result === null ? null : JSON.parse(job.result) },
      report: (n, tally) => {
        done = n;
        if (tally !== undefined) partial = JSON.stringify(tally);
        if (Date.now() - flushed >= PROGRESS_FLUSH_MS) {
          flushed = Date.now();
          void beat().catch(() => undefined);
        }
      },
    };
    let end: { state: "succeeded" | "failed"; result: string | null; error: string | null; errorCode: string | null; done: number | null };
    try {
      const result = await handler(this.ctx, JSON.parse(job.input), progress);
      end = { state: "succeeded", result: JSON.stringify(result ?? null), error: null, errorCode: null, done: job.total };
    } catch (error) {
      // A domain error already speaks to the user; anything else is a bug whose details stay in the log.
      const domain = asDomainError(error);
      if (domain !== error && !abort.signal.aborted) console.error(`[arca] job ${job.kind} ${job.id} failed`, error);
      end = domain
        ? { state: "failed", result: null, error: domain.message, errorCode: domain.code, done: null }
        : { state: "failed", result: null, error: "internal error: the server logged the details", errorCode: null, done: null };
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
