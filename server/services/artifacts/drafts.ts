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
 * since the forgotten drafts are the ones to act on. Drafts are few next to committed versions, and
 * the (collection, state) index finds them per collection, so ordering them needs no extra index.
 */
export function listDrafts(
  ctx: ServiceContext,
  ns: Namespace,
  opts: { cursor?: string | null; limit?: number; sort?: DraftSort },
): Page<DraftSummary> & { total: number } {
  const project = getProject(ctx, ns);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const after = parseCursor(opts.cursor);
  const [cmp, dir] = opts.sort === "newest" ? ["<", "desc"] : [">", "asc"];
  const rows = ctx.sqlite
    .prepare<Record<string, unknown>, { id: number; name: string; type: string; distributedId: string | null; fileCount: number; size: number; createdAt: number; updatedAt: number }>(
      `select v.id, c.name, c.type, v.distributed_id as distributedId, v.file_count as fileCount, v.size, v.created_at as createdAt, v.updated_at as updatedAt
       from versions v join collections c on c.id = v.collection_id
       where c.project_id = @project and v.state = 'PENDING' ${after ? `and (v.created_at, v.id) ${cmp} (@t, @id)` : ""}
       order by v.created_at ${dir}, v.id ${dir} limit @limit`,
    )
    .all({ project: project.id, t: after?.t, id: after?.id, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const runs = contributingRuns(ctx, page.map((r) => r.id));
  const total = ctx.sqlite
    .prepare<[number], { n: number }>("select count(*) as n from versions v join collections c on c.id = v.collection_id where c.project_id = ? and v.state = 'PENDING'")
    .get(project.id)!.n;
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
function contributingRuns(ctx: ServiceContext, draftIds: number[]): Map<number, { runs: DraftRun[]; count: number }> {
  const out = new Map<number, { runs: DraftRun[]; count: number }>();
  if (draftIds.length === 0) return out;
  const rows = ctx.sqlite
    .prepare<[string, number], DraftRun & { versionId: number; count: number }>(
      `select versionId, runId, name, jobType, state, count from (
         select e.version_id as versionId, r.run_id as runId, r.name, r.job_type as jobType, r.state,
                row_number() over (partition by e.version_id order by e.id) as rn,
                count(*) over (partition by e.version_id) as count
         from run_edges e join runs r on r.id = e.run_id
         where e.kind = 'logged' and e.version_id in (select value from json_each(?)))
       where rn <= ? order by versionId, rn`,
    )
    .all(JSON.stringify(draftIds), RUNS_SHOWN);
  for (const { versionId, count, ...run } of rows) {
    const entry = out.get(versionId) ?? { runs: [], count };
    entry.runs.push(run);
    out.set(versionId, entry);
  }
  return out;
}
