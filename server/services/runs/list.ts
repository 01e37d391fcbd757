import type { RunDto } from "@/lib/api-types";
import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { decodeCursor, encodeCursor } from "../cursor";
import type { Namespace } from "../schemas";
import { toRunDto, type RunRow } from "./runs";

export interface RunListItem extends RunDto {
  logged: number;
  used: number;
}

/** A project's runs, newest first, keyset-paged on the (project, created_at) index. */
export function listRuns(ctx: ServiceContext, ns: Namespace, opts: { cursor?: string | null; limit?: number }): { items: RunListItem[]; nextCursor: string | null } {
  const project = getProject(ctx, ns);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const [ck, cid] = opts.cursor ? decodeCursor<[number, number]>(opts.cursor, ["number", "number"]) : [null, null];
  const rows = ctx.sqlite
    .prepare<Record<string, unknown>, RunRow & { logged: number; used: number }>(
      `select r.id, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as "group", r.state, r.config, r.summary,
              r.history_line_count as historyLineCount, r.created_at as createdAt, r.updated_at as updatedAt,
              (select count(*) from run_edges e where e.run_id = r.id and e.kind = 'logged') as logged,
              (select count(*) from run_edges e where e.run_id = r.id and e.kind = 'used') as used
       from runs r where r.project_id = @project ${ck === null ? "" : "and (r.created_at, r.id) < (@ck, @cid)"}
       order by r.created_at desc, r.id desc limit @limit`,
    )
    .all({ project: project.id, ck, cid, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...toRunDto(r, ns), logged: r.logged, used: r.used })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
