import type { DbHandle } from "../client";
import type { Dialect } from "../sql/sql";
import { ENTRY_COLUMNS, type EntryRow } from "./entries";

/**
 * The file browser's and the zip download's reads of a version's entries (server/services/files).
 * Each is a range seek on the (version_id, path) index: nothing reads a whole version at once.
 * `hi` bounds a range from above (exclusive); null means no upper bound.
 */

/** An entry of a version's manifest; `blobSha256` null is a reference, `ref` its URI. */
export type FileEntryRow = EntryRow;

// The SQL texts are built once: the listing runs these a hundred times a page.
const bounds = <T>(build: (upper: string) => T) => ({ open: build(""), bounded: build("and path < ?") });
/** Where the first "/" at or after character `start` of the path is (1-based, 0: none); SQLite has instr, PostgreSQL strpos. */
const SLASH_FROM: Record<Dialect, string> = { sqlite: "instr(substr(path, ?), '/')", postgres: "strpos(substr(path, ?), '/')" };
const NEXT_FOLDER_SQL = {
  sqlite: bounds((upper) => `select path from entries where version_id = ? and path >= ? ${upper} and ${SLASH_FROM.sqlite} > 0 order by path limit 1`),
  postgres: bounds((upper) => `select path from entries where version_id = ? and path >= ? ${upper} and ${SLASH_FROM.postgres} > 0 order by path limit 1`),
};
const ENTRIES_FROM_SQL = bounds((upper) => ({
  inclusive: `select ${ENTRY_COLUMNS} from entries where version_id = ? and path >= ? ${upper} order by path limit ?`,
  exclusive: `select ${ENTRY_COLUMNS} from entries where version_id = ? and path > ? ${upper} order by path limit ?`,
}));

/** `[...before, hi?, ...after]`: the upper bound's parameter only when the text has one. */
const withHi = (before: (string | number)[], hi: string | null, after: (string | number)[]) => (hi === null ? [...before, ...after] : [...before, hi, ...after]);

/** Whether the version has any entry with a path in [lo, hi). */
export async function hasEntryInRange({ sql }: DbHandle, versionId: number, range: { lo: string; hi: string }): Promise<boolean> {
  return (await sql.get("select 1 as found from entries where version_id = ? and path >= ? and path < ? limit 1", [versionId, range.lo, range.hi])) !== undefined;
}

/**
 * The first path at or after `from` (below `hi`) that has a "/" at or after character `start`
 * (1-based, in characters: substr/instr count characters): the next sub-folder of a listed folder.
 * The filter runs inside the database on the index alone: files between two folders cost an index step each.
 */
export async function findNextFolderPath({ sql }: DbHandle, args: { versionId: number; from: string; hi: string | null; start: number }): Promise<string | undefined> {
  const text = NEXT_FOLDER_SQL[sql.dialect][args.hi === null ? "open" : "bounded"];
  return (await sql.get<{ path: string }>(text, withHi([args.versionId, args.from], args.hi, [args.start])))?.path;
}

/** How many entries have a path in [lo, hi), counting no further than `cap`. */
export async function countEntriesInRange({ sql }: DbHandle, args: { versionId: number; lo: string; hi: string; cap: number }): Promise<number> {
  return (await sql.get<{ n: number }>(
    "select count(*) as n from (select 1 as one from entries where version_id = ? and path >= ? and path < ? limit ?) as capped",
    [args.versionId, args.lo, args.hi, args.cap],
  ))!.n;
}

/**
 * Up to `limit` entries in path order from `start` (inclusive or not) to `hi`. One lower bound per
 * statement: given `path > a and path >= b`, SQLite seeks on one and filters the other row by row
 * (measured: a deep folder's first page went from 0.5 to 8 ms).
 */
export function listEntriesFrom(
  { sql }: DbHandle,
  args: { versionId: number; start: string; inclusive: boolean; hi: string | null; limit: number },
): Promise<FileEntryRow[]> {
  const text = ENTRIES_FROM_SQL[args.hi === null ? "open" : "bounded"][args.inclusive ? "inclusive" : "exclusive"];
  return sql.all<FileEntryRow>(text, withHi([args.versionId, args.start], args.hi, [args.limit]));
}

