import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

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

/** Stores entries of a version with one prepared statement: 100,000 rows take well under a second. Call it inside the caller's transaction. */
export function insertVersionEntries({ sqlite }: LegacyDbHandle, versionId: number, list: readonly EntryRow[]): void {
  const insert = prepared(sqlite, "insert into entries (version_id, path, digest, size, blob_sha256, ref, extra) values (?, ?, ?, ?, ?, ?, ?)");
  for (const e of list) insert.run(versionId, e.path, e.digest, e.size, e.blobSha256, e.ref, e.extra);
}

/** A version's entries by path. */
export function listVersionEntries({ sqlite }: LegacyDbHandle, versionId: number): EntryRow[] {
  return prepared<[number], EntryRow>(sqlite, `select ${ENTRY_COLUMNS} from entries where version_id = ? order by path`).all(versionId);
}

export function deleteVersionEntries({ sqlite }: LegacyDbHandle, versionId: number): void {
  prepared<[number]>(sqlite, "delete from entries where version_id = ?").run(versionId);
}

/** A version's entries in path order after `after`, those under `prefix` only when given (a range on the (version_id, path) index). */
export function listEntryPage({ sqlite }: LegacyDbHandle, args: { versionId: number; after: string; prefix: string; limit: number }): EntryRow[] {
  // prefix <= path < prefix + U+10FFFF.
  return prepared<Record<string, unknown>, EntryRow>(
    sqlite,
    `select ${ENTRY_COLUMNS} from entries
       where version_id = @version and path > @after and path >= @prefix ${args.prefix ? "and path < @prefixEnd" : ""}
       order by path limit @limit`,
  ).all({ version: args.versionId, after: args.after, prefix: args.prefix, prefixEnd: `${args.prefix}\u{10FFFF}`, limit: args.limit });
}

export function findEntry({ sqlite }: LegacyDbHandle, versionId: number, path: string): EntryRow | undefined {
  return prepared<[number, string], EntryRow>(sqlite, `select ${ENTRY_COLUMNS} from entries where version_id = ? and path = ?`).get(versionId, path);
}
