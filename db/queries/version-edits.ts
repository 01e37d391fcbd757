import { desc, eq } from "drizzle-orm";
import type { LegacyDbHandle } from "../client";
import { versionEdits, type EditAction } from "../schema";
import { prepared } from "../statements";

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
  { sqlite }: LegacyDbHandle,
  args: { versionId: number; actor: string; fromId: number; toId: number; fromTime: number; toTime: number },
): AliasEditNeighbour[] {
  return prepared<Record<string, unknown>, AliasEditNeighbour>(
    sqlite,
    `select e.id, e.version_id as versionId, v.version_index as versionIndex, e.before, e.after
     from version_edits e join versions v on v.id = e.version_id
     where v.collection_id = (select collection_id from versions where id = @versionId)
       and e.action = 'aliases' and e.actor = @actor
       and e.id between @fromId and @toId and e.created_at between @fromTime and @toTime
     order by e.id`,
  ).all(args);
}

/** A version's number (null for a draft). */
export function findVersionIndex({ sqlite }: LegacyDbHandle, versionId: number): number | null {
  return prepared<[number], { versionIndex: number | null }>(sqlite, "select version_index as versionIndex from versions where id = ?").get(versionId)?.versionIndex ?? null;
}

/** A version's edit history (version_edits): who changed what after commit, before and after as JSON. */
export type { EditAction };
export type VersionEditRow = typeof versionEdits.$inferSelect;

export function insertVersionEdit({ db }: LegacyDbHandle, row: { versionId: number; actor: string; action: EditAction; before: string; after: string; createdAt: number }): void {
  db.insert(versionEdits).values(row).run();
}

/** A version's edits, newest first. */
export function listVersionEdits({ db }: LegacyDbHandle, versionId: number): VersionEditRow[] {
  return db.select().from(versionEdits).where(eq(versionEdits.versionId, versionId)).orderBy(desc(versionEdits.id)).all();
}
