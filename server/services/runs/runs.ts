import { randomBytes } from "node:crypto";
import { findRunByRunId, insertRun, listRunsWithNamespace, updateRunState, type RunRow, type RunState } from "@/db/queries/runs";
import type { RunDto } from "@/lib/api-types";
import { NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { normalizeMetadata } from "../metadata";
import { ensureProject, getProject } from "../projects/projects";
import type { Namespace, RunInput } from "../schemas";

export type { RunDto, RunRow };

export function toRunDto(row: RunRow, ns: Namespace): RunDto {
  return {
    id: row.runId,
    entity: ns.entity,
    project: ns.project,
    name: row.name,
    jobType: row.jobType,
    group: row.group,
    state: row.state,
    config: JSON.parse(row.config) as Record<string, unknown>,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** W&B-style short ids: 8 lowercase base-36 characters. */
function newRunId(): string {
  return [...randomBytes(8)].map((b) => (b % 36).toString(36)).join("");
}

/** Creates the run, or returns it unchanged when a run with that id exists (resuming). */
export async function createRun(ctx: ServiceContext, ns: Namespace, input: RunInput): Promise<RunDto> {
  return toRunDto((await ensureRun(ctx, ns, input)).row, ns);
}

/**
 * The run of `input.id` (a new id when none), created when missing; `inserted` says whether this call
 * created it. Two creators of one run id at once: the unique (project, run id) index lets one insert,
 * the other reads that run.
 */
export async function ensureRun(ctx: ServiceContext, ns: Namespace, input: RunInput): Promise<{ row: RunRow; inserted: boolean }> {
  const project = await ensureProject(ctx, ns);
  const runId = input.id ?? newRunId();
  const existing = await findRun(ctx, project.id, runId);
  if (existing) return { row: existing, inserted: false };
  const row = await insertRun(ctx, {
    projectId: project.id,
    runId,
    name: input.name ?? runId,
    jobType: input.jobType ?? null,
    group: input.group ?? null,
    config: JSON.stringify(normalizeMetadata(input.config ?? {}, "config")),
    now: ctx.now(),
  });
  if (row) return { row, inserted: true };
  return { row: (await findRun(ctx, project.id, runId))!, inserted: false };
}

export function findRun(ctx: ServiceContext, projectId: number, runId: string): Promise<RunRow | undefined> {
  return findRunByRunId(ctx, projectId, runId);
}

export async function getRunRow(ctx: ServiceContext, projectId: number, runId: string, ns: Namespace): Promise<RunRow> {
  const row = await findRun(ctx, projectId, runId);
  if (!row) throw new NotFoundError(`run ${runId} does not exist in ${ns.entity}/${ns.project}; create it first (POST /projects/${ns.entity}/${ns.project}/runs)`);
  return row;
}

export async function getRun(ctx: ServiceContext, ns: Namespace, runId: string): Promise<RunDto> {
  const project = await getProject(ctx, ns);
  return toRunDto(await getRunRow(ctx, project.id, runId, ns), ns);
}

export async function setRunState(ctx: ServiceContext, ns: Namespace, runId: string, state: RunState): Promise<RunDto> {
  const project = await getProject(ctx, ns);
  const row = await getRunRow(ctx, project.id, runId, ns);
  if (!["running", "finished", "crashed", "failed"].includes(state)) throw new ValidationError(`unknown run state ${state}`);
  await updateRunState(ctx, row.id, state, ctx.now());
  return getRun(ctx, ns, runId);
}

/** Run rows by primary key with their namespace, for lineage answers. */
export async function loadRunDtos(ctx: ServiceContext, runPks: number[]): Promise<RunDto[]> {
  if (runPks.length === 0) return [];
  return (await listRunsWithNamespace(ctx, runPks)).map(({ entity, project, ...row }) => toRunDto(row, { entity, project }));
}
