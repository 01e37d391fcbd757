import type { DbHandle } from "../client";

export interface AliasEditNeighbour {
  id: number;
  versionId: number;
  versionIndex: number | null;
  before: string;
  after: string;
}

/**
 * Alias edits on the versions of a version's collection (its own too), by one actor, within an id and time
 * window: an alias move records one edit on the version that lost the alias and one on the version
 * that gained it, in the same transaction, so the pair sits side by side.
 */
export function listAliasEditsAround(
  { sql }: DbHandle,
  args: { versionId: number; actor: string; fromId: number; toId: number; fromTime: number; toTime: number },
): Promise<AliasEditNeighbour[]> {
  return sql.all<AliasEditNeighbour>(
    `select e.id, e.version_id as versionId, v.version_index as versionIndex, e.before, e.after
     from version_edits e join versions v on v.id = e.version_id
     where v.collection_id = (select collection_id from versions where id = ?)
       and e.action = 'aliases' and e.actor = ?
       and e.id between ? and ? and e.created_at between ? and ?
     order by e.id`,
    [args.versionId, args.actor, args.fromId, args.toId, args.fromTime, args.toTime],
  );
}

/** A version's number (null for a draft). */
export async function findVersionIndex({ sql }: DbHandle, versionId: number): Promise<number | null> {
  const row = await sql.get<{ versionIndex: number | null }>("select version_index as versionIndex from versions where id = ?", [versionId]);
  return row?.versionIndex ?? null;
}

/** A version's edit history (version_edits): who changed what after commit, before and after as JSON. */
export type EditAction = "description" | "metadata" | "aliases" | "delete";

export interface VersionEditRow {
  id: number;
  versionId: number;
  actor: string;
  action: EditAction;
  /** JSON text. */
  before: string;
  /** JSON text. */
  after: string;
  createdAt: number;
}

export async function insertVersionEdit({ sql }: DbHandle, row: Omit<VersionEditRow, "id">): Promise<void> {
  await sql.run("insert into version_edits (version_id, actor, action, before, after, created_at) values (?, ?, ?, ?, ?, ?)", [
    row.versionId,
    row.actor,
    row.action,
    row.before,
    row.after,
    row.createdAt,
  ]);
}

/** A version's edits, newest first. */
export function listVersionEdits({ sql }: DbHandle, versionId: number): Promise<VersionEditRow[]> {
  return sql.all<VersionEditRow>(
    "select id, version_id as versionId, actor, action, before, after, created_at as createdAt from version_edits where version_id = ? order by id desc",
    [versionId],
  );
}
