import { z } from "zod";
import { findRunByPk, lockRunByRunId, RUN_STATES, type RunState } from "@/db/queries/runs";
import { addRunHistoryLines, updateRunFields } from "@/db/queries/wandb";
import { transaction } from "@/db/transaction";
import type { ServiceContext } from "../../context";
import { findProject } from "../projects/projects";
import { ensureRun, findRun, type RunRow } from "../runs/runs";
import { normalizeMetadata, parseJsonLenient } from "../metadata";
import type { Namespace } from "../schemas";

/**
 * Runs as the W&B client reports them: UpsertBucket creates or updates one (config, job type,
 * group, state, summary), file_stream sends history rows, the summary and the exit code.
 */

export interface UpsertBucketInput {
  /** The run id (W&B calls it the bucket's name). */
  name?: string | null;
  /** The id this server returned for the run, when the client only has that. */
  id?: string | null;
  displayName?: string | null;
  groupName?: string | null;
  jobType?: string | null;
  /** JSON: `{key: {value, desc}}`, as wandb sends it. */
  config?: string | null;
  summaryMetrics?: string | null;
  state?: string | null;
}

/** W&B wraps each config value as `{value, desc}` and adds its own `_wandb` key: keep the values. */
export function unwrapWandbConfig(text: string): Record<string, unknown> {
  const raw = normalizeMetadata(parseJsonLenient(text), "config");
  const config: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(raw)) {
    if (key === "_wandb") continue;
    const isWrapped = item !== null && typeof item === "object" && !Array.isArray(item) && "value" in item;
    config[key] = isWrapped ? (item).value : item;
  }
  return config;
}

export function wrapWandbConfig(config: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value, desc: null }])));
}

/** The summary as shown: wandb's own bookkeeping key `_wandb` left out. */
function cleanSummary(text: string): string {
  const { _wandb: _, ...summary } = normalizeMetadata(parseJsonLenient(text), "summary");
  return JSON.stringify(summary);
}

function toState(state: string | null | undefined): RunState | undefined {
  return RUN_STATES.find((s) => s === state);
}

/**
 * UpsertBucket: creates the run, or updates the fields the client sent. In one transaction that locks
 * an existing run's row first (PostgreSQL), so two upserts of one run apply one after the other and
 * each returns the run as its own update left it; two creators of one new run: one inserts, the other
 * updates it like an existing one.
 */
export async function upsertWandbRun(ctx: ServiceContext, ns: Namespace, input: UpsertBucketInput): Promise<{ run: RunRow; inserted: boolean }> {
  const config = input.config ? unwrapWandbConfig(input.config) : undefined;
  const summary = input.summaryMetrics ? cleanSummary(input.summaryMetrics) : undefined;
  return transaction(ctx, async () => {
    const project = await findProject(ctx, ns);
    // The client may name the run only by the id this server returned for it (the run's primary key).
    const byPk = !input.name && input.id && project ? await findRunByPk(ctx, project.id, Number(input.id)) : undefined;
    const runId = input.name || byPk?.runId;
    if (project && runId) await lockRunByRunId(ctx, project.id, runId);
    const { row, inserted } = await ensureRun(ctx, ns, {
      id: runId ?? undefined,
      name: input.displayName ?? undefined,
      jobType: input.jobType ?? undefined,
      group: input.groupName ?? undefined,
      config,
    });
    if (!inserted) {
      const fields = {
        config: config === undefined ? undefined : JSON.stringify(config),
        jobType: input.jobType ?? undefined,
        group: input.groupName ?? undefined,
        name: input.displayName ?? undefined,
        state: toState(input.state),
        summary,
      };
      await updateRunFields(ctx, row.id, fields, ctx.now());
    } else if (summary !== undefined) {
      await updateRunFields(ctx, row.id, { summary }, ctx.now());
    }
    return { run: (await findRun(ctx, row.projectId, row.runId))!, inserted };
  });
}

export async function findWandbRun(ctx: ServiceContext, ns: Namespace, runId: string): Promise<RunRow | undefined> {
  const project = await findProject(ctx, ns);
  return project ? findRun(ctx, project.id, runId) : undefined;
}

/** One file_stream request: `{files: {name: {offset, content: [lines]}}, complete?, exitcode?}`. */
export const ZFileStreamBody = z.object({
  files: z.record(z.string(), z.object({ offset: z.number().int().optional(), content: z.array(z.string()).default([]) })).optional(),
  complete: z.boolean().optional(),
  exitcode: z.number().int().nullish(),
});
export type FileStreamBody = z.infer<typeof ZFileStreamBody>;

/**
 * Keeps what Arca shows: the latest summary line, the count of history rows, and the final state
 * (exit code 0 finished, anything else failed). Console output and system metrics are not kept.
 */
export async function applyFileStream(ctx: ServiceContext, run: RunRow, body: FileStreamBody): Promise<void> {
  const summaryLines = body.files?.["wandb-summary.json"]?.content ?? [];
  const historyLines = body.files?.["wandb-history.jsonl"]?.content ?? [];
  const last = summaryLines[summaryLines.length - 1];
  const state: RunState | undefined = body.complete ? (body.exitcode ? "failed" : "finished") : undefined;
  // Both updates are single statements relative to the stored row (coalesce, +=): no lock needed.
  await transaction(ctx, async () => {
    if (last !== undefined || state !== undefined) await updateRunFields(ctx, run.id, { summary: last === undefined ? undefined : cleanSummary(last), state }, ctx.now());
    if (historyLines.length > 0) await addRunHistoryLines(ctx, run.id, historyLines.length);
  });
}
