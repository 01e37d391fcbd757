import type { LegacyDbHandle } from "../client";
import type { runs } from "../schema";
import { prepared } from "../statements";

/** A run as the run list shows it (its whole row), with how many versions it logged and used. */
export type RunListRow = typeof runs.$inferSelect & { logged: number; used: number };

/** A project's runs, newest first, keyset-paged below (`before.createdAt`, `before.id`) on the (project, created_at) index. */
export function listRunPage({ sqlite }: LegacyDbHandle, args: { projectId: number; before: { createdAt: number; id: number } | null; limit: number }): RunListRow[] {
  return prepared<Record<string, unknown>, RunListRow>(
    sqlite,
    `select r.id, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as "group", r.state, r.config, r.summary,
            r.history_line_count as historyLineCount, r.created_at as createdAt, r.updated_at as updatedAt,
            (select count(*) from run_edges e where e.run_id = r.id and e.kind = 'logged') as logged,
            (select count(*) from run_edges e where e.run_id = r.id and e.kind = 'used') as used
     from runs r where r.project_id = @project ${args.before === null ? "" : "and (r.created_at, r.id) < (@ck, @cid)"}
     order by r.created_at desc, r.id desc limit @limit`,
  ).all({ project: args.projectId, ck: args.before?.createdAt ?? null, cid: args.before?.id ?? null, limit: args.limit });
}
