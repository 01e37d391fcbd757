import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/** The queries behind aliases: each (collection, alias) names exactly one version (a unique index). */

/** The version an alias of the collection points at. */
export function findAliasTarget({ sqlite }: LegacyDbHandle, collectionId: number, alias: string): number | undefined {
  return prepared<[number, string], { versionId: number }>(sqlite, "select version_id as versionId from aliases where collection_id = ? and alias = ?").get(collectionId, alias)
    ?.versionId;
}

/** Points the alias at the version: one UPSERT on the (collection, alias) unique index, so it is never on two versions nor on none. */
export function upsertAlias({ sqlite }: LegacyDbHandle, row: { collectionId: number; alias: string; versionId: number; now: number }): void {
  prepared<Record<string, unknown>>(
    sqlite,
    `insert into aliases (collection_id, version_id, alias, created_at) values (@collectionId, @versionId, @alias, @now)
     on conflict (collection_id, alias) do update set version_id = @versionId, created_at = @now`,
  ).run(row);
}

/** A version's aliases in the order they were first set. */
export function listVersionAliases({ sqlite }: LegacyDbHandle, versionId: number): string[] {
  return prepared<[number], { alias: string }>(sqlite, "select alias from aliases where version_id = ? order by id")
    .all(versionId)
    .map((a) => a.alias);
}

/** Removes one alias from the version; false when the version did not have it. */
export function deleteVersionAlias({ sqlite }: LegacyDbHandle, versionId: number, alias: string): boolean {
  return prepared<[number, string]>(sqlite, "delete from aliases where version_id = ? and alias = ?").run(versionId, alias).changes > 0;
}

/** Removes every alias of the version (it is being deleted). */
export function deleteVersionAliases({ sqlite }: LegacyDbHandle, versionId: number): void {
  prepared<[number]>(sqlite, "delete from aliases where version_id = ?").run(versionId);
}
