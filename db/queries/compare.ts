import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

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
 * row of B probes A, so the summary streams through SQLite without building either list in memory.
 */
export function summarizeEntriesOfA({ sqlite }: LegacyDbHandle, a: number, b: number): FromASummary {
  return prepared<{ a: number; b: number }, FromASummary>(
    sqlite,
    `select
         coalesce(sum(y.path is null), 0) as removed,
         coalesce(sum(case when y.path is null then x.size else 0 end), 0) as removedBytes,
         coalesce(sum(y.path is not null and y.digest != x.digest), 0) as changed,
         coalesce(sum(case when y.digest != x.digest then y.size - x.size else 0 end), 0) as changedBytesDelta,
         coalesce(sum(y.digest = x.digest), 0) as unchanged
       from entries x left join entries y on y.version_id = @b and y.path = x.path
       where x.version_id = @a`,
  ).get({ a, b })!;
}

/** Files only in B, and their bytes. */
export function summarizeEntriesOnlyInB({ sqlite }: LegacyDbHandle, a: number, b: number): { added: number; addedBytes: number } {
  return prepared<{ a: number; b: number }, { added: number; addedBytes: number }>(
    sqlite,
    `select count(*) as added, coalesce(sum(y.size), 0) as addedBytes from entries y
       where y.version_id = @b and not exists (select 1 from entries x where x.version_id = @a and x.path = y.path)`,
  ).get({ a, b })!;
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
 */
const FROM_A = `select x.path as path, x.digest as aDigest, x.size as aSize, x.ref as aRef, y.digest as bDigest, y.size as bSize, y.ref as bRef
  from entries x left join entries y on y.version_id = @b and y.path = x.path
  where x.version_id = @a and x.path > @after`;
const FROM_B = `select y.path as path, null as aDigest, null as aSize, null as aRef, y.digest as bDigest, y.size as bSize, y.ref as bRef
  from entries y
  where y.version_id = @b and y.path > @after and not exists (select 1 from entries x where x.version_id = @a and x.path = y.path)`;

const CHANGE_SQL: Record<ChangeFilter, string> = {
  all: `${FROM_A} and (y.path is null or y.digest != x.digest) union all ${FROM_B}`,
  removed: `${FROM_A} and y.path is null`,
  changed: `${FROM_A} and y.digest != x.digest`,
  added: FROM_B,
};

export const isChangeFilter = (filter: string): filter is ChangeFilter => filter in CHANGE_SQL;

/** Exported for the test that checks the query plan. */
export const changePageSql = (filter: ChangeFilter) => `${CHANGE_SQL[filter]} order by 1 limit @limit`;

/** Changed files between versions `a` and `b` in path order after `after`, at most `limit`. */
export function listChangedEntries({ sqlite }: LegacyDbHandle, args: { a: number; b: number; filter: ChangeFilter; after: string; limit: number }): ChangeRow[] {
  return prepared<Record<string, unknown>, ChangeRow>(sqlite, changePageSql(args.filter)).all({ a: args.a, b: args.b, after: args.after, limit: args.limit });
}
