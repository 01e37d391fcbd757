import type { DbHandle } from "../client";

/** Two versions' manifests side by side (the compare view). */

export interface FromASummary {
  removed: number;
  removedBytes: number;
  changed: number;
  changedBytesDelta: number;
  unchanged: number;
}

/**
 * Both sides walk the (version_id, path) unique index: every row of A probes B by path and every
 * row of B probes A, so the summary streams through the database without building either list in memory.
 * Counts are sums of `case … then 1 else 0`: PostgreSQL cannot sum truth values.
 */
export async function summarizeEntriesOfA({ sql }: DbHandle, a: number, b: number): Promise<FromASummary> {
  const row = await sql.get<FromASummary>(
    `select
         coalesce(sum(case when y.path is null then 1 else 0 end), 0) as removed,
         coalesce(sum(case when y.path is null then x.size else 0 end), 0) as removedBytes,
         coalesce(sum(case when y.path is not null and y.digest != x.digest then 1 else 0 end), 0) as changed,
         coalesce(sum(case when y.digest != x.digest then y.size - x.size else 0 end), 0) as changedBytesDelta,
         coalesce(sum(case when y.digest = x.digest then 1 else 0 end), 0) as unchanged
       from entries x left join entries y on y.version_id = ? and y.path = x.path
       where x.version_id = ?`,
    [b, a],
  );
  return row!;
}

/** Files only in B, and their bytes. */
export async function summarizeEntriesOnlyInB({ sql }: DbHandle, a: number, b: number): Promise<{ added: number; addedBytes: number }> {
  const row = await sql.get<{ added: number; addedBytes: number }>(
    `select count(*) as added, coalesce(sum(y.size), 0) as addedBytes from entries y
       where y.version_id = ? and not exists (select 1 from entries x where x.version_id = ? and x.path = y.path)`,
    [b, a],
  );
  return row!;
}

export type ChangeFilter = "added" | "removed" | "changed" | "all";

export interface ChangeRow {
  path: string;
  aDigest: string | null;
  aSize: number | null;
  aRef: string | null;
  bDigest: string | null;
  bSize: number | null;
  bRef: string | null;
}

/**
 * The two halves of a full outer join on path. Each half reads one version's entries in index
 * order; the compound ORDER BY merges the halves (SQLite's merge of sorted arms), so a page
 * of LIMIT n stops after n changes instead of sorting the whole union.
 * Parameters: FROM_A takes (b, a, after), FROM_B (b, after, a).
 */
const FROM_A = `select x.path as path, x.digest as aDigest, x.size as aSize, x.ref as aRef, y.digest as bDigest, y.size as bSize, y.ref as bRef
  from entries x left join entries y on y.version_id = ? and y.path = x.path
  where x.version_id = ? and x.path > ?`;
const FROM_B = `select y.path as path, null as aDigest, null as aSize, null as aRef, y.digest as bDigest, y.size as bSize, y.ref as bRef
  from entries y
  where y.version_id = ? and y.path > ? and not exists (select 1 from entries x where x.version_id = ? and x.path = y.path)`;

const CHANGE_SQL: Record<ChangeFilter, string> = {
  all: `${FROM_A} and (y.path is null or y.digest != x.digest) union all ${FROM_B}`,
  removed: `${FROM_A} and y.path is null`,
  changed: `${FROM_A} and y.digest != x.digest`,
  added: FROM_B,
};

export const isChangeFilter = (filter: string): filter is ChangeFilter => filter in CHANGE_SQL;

/** Exported for the test that checks the query plan. */
export const changePageSql = (filter: ChangeFilter) => `${CHANGE_SQL[filter]} order by 1 limit ?`;

/** Changed files between versions `a` and `b` in path order after `after`, at most `limit`. */
export function listChangedEntries({ sql }: DbHandle, args: { a: number; b: number; filter: ChangeFilter; after: string; limit: number }): Promise<ChangeRow[]> {
  const fromA = [args.b, args.a, args.after];
  const fromB = [args.b, args.after, args.a];
  const params = { all: [...fromA, ...fromB], removed: fromA, changed: fromA, added: fromB }[args.filter];
  return sql.all<ChangeRow>(changePageSql(args.filter), [...params, args.limit]);
}
