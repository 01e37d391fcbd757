import type { DbHandle } from "../client";
import type { Dialect } from "../sql/sql";
import { idList, idParam, perDialect } from "./id-list";

/** One lineage edge seen from the node it was reached from: `from` → `to` in the walk's direction. */
export interface LineageStep {
  fromType: "v" | "r";
  fromPk: number;
  toType: "v" | "r";
  toPk: number;
  kind: "logged" | "used" | "patched";
}

// Parameters of both: the frontier's versions, its versions again, its runs, the limit.
// Down (with the data): a version goes to the runs that used it and the versions patched from it; a run to the versions it logged.
const down = (d: Dialect) => `select 'v' as fromType, e.version_id as fromPk, 'r' as toType, e.run_id as toPk, e.kind as kind
   from run_edges e where e.version_id in (${idList(d)}) and e.kind = 'used'
 union all
 select 'v', v.base_version_id, 'v', v.id, 'patched' from versions v where v.base_version_id in (${idList(d)})
 union all
 select 'r', e.run_id, 'v', e.version_id, e.kind from run_edges e where e.run_id in (${idList(d)}) and e.kind = 'logged'
 limit ?`;

// Up (against the data): a version goes to the runs that logged it and to its base; a run to the versions it used.
const up = (d: Dialect) => `select 'v' as fromType, e.version_id as fromPk, 'r' as toType, e.run_id as toPk, e.kind as kind
   from run_edges e where e.version_id in (${idList(d)}) and e.kind = 'logged'
 union all
 select 'v', v.id, 'v', v.base_version_id, 'patched' from versions v where v.id in (${idList(d)}) and v.base_version_id is not null
 union all
 select 'r', e.run_id, 'v', e.version_id, e.kind from run_edges e where e.run_id in (${idList(d)}) and e.kind = 'used'
 limit ?`;

const STEPS_SQL = { down: perDialect(down), up: perDialect(up) };

/**
 * Every neighbour of a whole BFS frontier in one direction, in one statement (ids passed as JSON
 * arrays; each branch walks one index: run_edges_version_idx, versions_base_idx, run_edges_run_kind_idx).
 * At most `limit` rows, so a hub with a million edges costs no more than the caller's budget.
 */
export function listLineageSteps({ sql }: DbHandle, args: { versionIds: number[]; runIds: number[]; dir: "up" | "down"; limit: number }): Promise<LineageStep[]> {
  const versions = idParam(args.versionIds);
  return sql.all<LineageStep>(STEPS_SQL[args.dir][sql.dialect], [versions, versions, idParam(args.runIds), args.limit]);
}
