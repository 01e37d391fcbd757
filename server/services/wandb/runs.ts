import { z } from "zod";
import { findRunByPk, RUN_STATES, type RunState } from "@/db/queries/runs";
import { addRunHistoryLines, updateRunFields } from "@/db/queries/wandb";
import { inTransaction } from "@/db/transaction";
import type { ServiceContext } from "../../context";
import { findProject } from "../projects/projects";
import { createRun, findRun, type RunRow } from "../runs/runs";
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

export function upsertWandbRun(ctx: ServiceContext, ns: Namespace, input: UpsertBucketInput): { run: RunRow; inserted: boolean } {
  const project = findProject(ctx, ns);
  // The client may name the run only by the id this server returned for it (the run's primary key).
  const byPk = !input.name && input.id && project ? findRunByPk(ctx, project.id, Number(input.id)) : undefined;
  const runId = input.name || byPk?.runId;
  const existing = project && runId ? findRun(ctx, project.id, runId) : undefined;
  const config = input.config ? unwrapWandbConfig(input.config) : undefined;
  const created = existing ?? null;
  const dto = createRun(ctx, ns, {
    id: runId ?? undefined,
    name: input.displayName ?? undefined,
    jobType: input.jobType ?? undefined,
    group: input.groupName ?? undefined,
    config,
  });
  const row = findRun(ctx, findProject(ctx, ns)!.id, dto.id)!;
  if (created) {
    updateRunFields(
      ctx,
      row.id,
      {
        config: config === undefined ? undefined : JSON.stringify(config),
        jobType: input.jobType ?? undefined,
        group: input.groupName ?? undefined,
        name: input.displayName ?? undefined,
        state: toState(input.state),
        summary: input.summaryMetrics ? cleanSummary(input.summaryMetrics) : undefined,
      },
      ctx.now(),
    );
  } else if (input.summaryMetrics) {
    updateRunFields(ctx, row.id, { summary: cleanSummary(input.summaryMetrics) }, ctx.now());
  }
  return { run: findRun(ctx, row.projectId, row.runId)!, inserted: !created };
}

export function findWandbRun(ctx: ServiceContext, ns: Namespace, runId: string): RunRow | undefined {
  const project = findProject(ctx, ns);
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
export function applyFileStream(ctx: ServiceContext, run: RunRow, body: FileStreamBody): void {
  const summaryLines = body.files?.["wandb-summary.json"]?.content ?? [];
  const historyLines = body.files?.["wandb-history.jsonl"]?.content ?? [];
  const last = summaryLines[summaryLines.length - 1];
  const state: RunState | undefined = body.complete ? (body.exitcode ? "failed" : "finished") : undefined;
  inTransaction(ctx, () => {
    if (last !== undefined || state !== undefined) updateRunFields(ctx, run.id, { summary: last === undefined ? undefined : cleanSummary(last), state }, ctx.now());
    if (historyLines.length > 0) addRunHistoryLines(ctx, run.id, historyLines.length);
  });
}
