import type { DbHandle } from "../client";

/** The queries behind manifest entries (a version's files and references). */

/** One stored manifest entry: a file (blobSha256 set) or a reference (ref set); `extra` is JSON text. */
export interface EntryRow {
  path: string;
  digest: string;
  size: number;
  blobSha256: string | null;
  ref: string | null;
  extra: string | null;
}

export const ENTRY_COLUMNS = "path, digest, size, blob_sha256 as blobSha256, ref, extra";

/**
 * Stores entries of a version in one bulk insert (one statement reused on SQLite, multi-row VALUES on
 * PostgreSQL): 100,000 rows take well under a second. Call it inside the caller's transaction.
 */
export async function insertVersionEntries({ sql }: DbHandle, versionId: number, list: readonly EntryRow[]): Promise<void> {
  if (list.length === 0) return;
  await sql.runMany(
    "insert into entries (version_id, path, digest, size, blob_sha256, ref, extra) values (?, ?, ?, ?, ?, ?, ?)",
    list.map((e) => [versionId, e.path, e.digest, e.size, e.blobSha256, e.ref, e.extra]),
  );
}

/** A version's entries by path. */
export function listVersionEntries({ sql }: DbHandle, versionId: number): Promise<EntryRow[]> {
  return sql.all<EntryRow>(`select ${ENTRY_COLUMNS} from entries where version_id = ? order by path`, [versionId]);
}

/**
 * Deletes up to `limit` of a version's entries (the first by path, on the (version_id, path) index) and
 * says how many went: a caller deletes a large version a batch at a time.
 */
export async function deleteVersionEntriesBatch({ sql }: DbHandle, versionId: number, limit: number): Promise<number> {
  const { changes } = await sql.run(
    "delete from entries where version_id = ? and path in (select path from entries where version_id = ? order by path limit ?)",
    [versionId, versionId, limit],
  );
  return changes;
}

const ENTRY_PAGE = `select ${ENTRY_COLUMNS} from entries where version_id = ? and path > ? and path >= ?`;
const ENTRY_PAGE_ALL = `${ENTRY_PAGE} order by path limit ?`;
const ENTRY_PAGE_PREFIX = `${ENTRY_PAGE} and path < ? order by path limit ?`;

/** A version's entries in path order after `after`, those under `prefix` only when given (a range on the (version_id, path) index). */
export function listEntryPage({ sql }: DbHandle, args: { versionId: number; after: string; prefix: string; limit: number }): Promise<EntryRow[]> {
  if (!args.prefix) return sql.all<EntryRow>(ENTRY_PAGE_ALL, [args.versionId, args.after, args.prefix, args.limit]);
  // prefix <= path < prefix + U+10FFFF.
  return sql.all<EntryRow>(ENTRY_PAGE_PREFIX, [args.versionId, args.after, args.prefix, `${args.prefix}\u{10FFFF}`, args.limit]);
}

export function findEntry({ sql }: DbHandle, versionId: number, path: string): Promise<EntryRow | undefined> {
  return sql.get<EntryRow>(`select ${ENTRY_COLUMNS} from entries where version_id = ? and path = ?`, [versionId, path]);
}
