import { listProducingRuns } from "@/db/queries/runs";
import { countPendingVersions, listPendingVersions } from "@/db/queries/versions";
import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import type { Namespace } from "../schemas";
import type { Page } from "./read";

export interface DraftRun {
  runId: string;
  name: string;
  jobType: string | null;
  state: string;
}

export interface DraftSummary {
  id: number;
  name: string;
  type: string;
  /** `draft-ID`: the selector routes.version and the API take. */
  selector: string;
  distributedId: string | null;
  fileCount: number;
  size: number;
  createdAt: string;
  /** The last upsert into it. */
  updatedAt: string;
  /** The first RUNS_SHOWN contributing runs, in the order they joined; `runCount` has them all. */
  runs: DraftRun[];
  runCount: number;
}

export type DraftSort = "oldest" | "newest";

const RUNS_SHOWN = 10;

function parseCursor(cursor: string | null | undefined): { t: number; id: number } | null {
  if (!cursor) return null;
  const match = /^(\d+):(\d+)$/.exec(cursor);
  if (!match) throw new ValidationError(`invalid cursor ${JSON.stringify(cursor)}`);
  return { t: Number(match[1]), id: Number(match[2]) };
}

/**
 * A project's pending collaborative versions, keyset-paged by (created, id); oldest first by default,
 * since the forgotten drafts are the ones to act on.
 */
export async function listDrafts(
  ctx: ServiceContext,
  ns: Namespace,
  opts: { cursor?: string | null; limit?: number; sort?: DraftSort },
): Promise<Page<DraftSummary> & { total: number }> {
  const project = await getProject(ctx, ns);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const after = parseCursor(opts.cursor);
  const rows = await listPendingVersions(ctx, { projectId: project.id, after, newest: opts.sort === "newest", limit: limit + 1 });
  const page = rows.slice(0, limit);
  const runs = await contributingRuns(ctx, page.map((r) => r.id));
  const total = await countPendingVersions(ctx, project.id);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      ...r,
      selector: `draft-${r.id}`,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      runs: runs.get(r.id)?.runs ?? [],
      runCount: runs.get(r.id)?.count ?? 0,
    })),
    nextCursor: rows.length > limit && last ? `${last.createdAt}:${last.id}` : null,
    total,
  };
}

/** Runs recorded as producers (`logged` edges) of each draft: every upsert adds its run. */
async function contributingRuns(ctx: ServiceContext, draftIds: number[]): Promise<Map<number, { runs: DraftRun[]; count: number }>> {
  const out = new Map<number, { runs: DraftRun[]; count: number }>();
  if (draftIds.length === 0) return out;
  for (const { versionId, count, ...run } of await listProducingRuns(ctx, draftIds, RUNS_SHOWN)) {
    const entry = out.get(versionId) ?? { runs: [], count };
    entry.runs.push(run);
    out.set(versionId, entry);
  }
  return out;
}
