import type { DbHandle } from "../client";
import type { RunRow } from "./runs";

/** A run as the run list shows it (its whole row), with how many versions it logged and used. */
export interface RunListRow extends RunRow {
  logged: number;
  used: number;
}

const COLUMNS = `r.id, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as "group", r.state, r.config, r.summary,
            r.history_line_count as historyLineCount, r.created_at as createdAt, r.updated_at as updatedAt,
            (select count(*) from run_edges e where e.run_id = r.id and e.kind = 'logged') as logged,
            (select count(*) from run_edges e where e.run_id = r.id and e.kind = 'used') as used`;

const FIRST_SQL = `select ${COLUMNS} from runs r where r.project_id = ? order by r.created_at desc, r.id desc limit ?`;
const AFTER_SQL = `select ${COLUMNS} from runs r where r.project_id = ? and (r.created_at, r.id) < (?, ?) order by r.created_at desc, r.id desc limit ?`;

/** A project's runs, newest first, keyset-paged below (`before.createdAt`, `before.id`) on the (project, created_at) index. */
export function listRunPage({ sql }: DbHandle, args: { projectId: number; before: { createdAt: number; id: number } | null; limit: number }): Promise<RunListRow[]> {
  return args.before === null
    ? sql.all<RunListRow>(FIRST_SQL, [args.projectId, args.limit])
    : sql.all<RunListRow>(AFTER_SQL, [args.projectId, args.before.createdAt, args.before.id, args.limit]);
}
