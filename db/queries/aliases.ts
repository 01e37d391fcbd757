import type { DbHandle } from "../client";

/** The queries behind aliases: each (collection, alias) names exactly one version (a unique index). */

/** The version an alias of the collection points at. */
export async function findAliasTarget({ sql }: DbHandle, collectionId: number, alias: string): Promise<number | undefined> {
  const row = await sql.get<{ versionId: number }>("select version_id as versionId from aliases where collection_id = ? and alias = ?", [collectionId, alias]);
  return row?.versionId;
}

/** Points the alias at the version: one UPSERT on the (collection, alias) unique index, so it is never on two versions nor on none. */
export async function upsertAlias({ sql }: DbHandle, row: { collectionId: number; alias: string; versionId: number; now: number }): Promise<void> {
  await sql.run(
    `insert into aliases (collection_id, version_id, alias, created_at) values (?, ?, ?, ?)
     on conflict (collection_id, alias) do update set version_id = excluded.version_id, created_at = excluded.created_at`,
    [row.collectionId, row.versionId, row.alias, row.now],
  );
}

/** A version's aliases in the order they were first set. */
export async function listVersionAliases({ sql }: DbHandle, versionId: number): Promise<string[]> {
  const rows = await sql.all<{ alias: string }>("select alias from aliases where version_id = ? order by id", [versionId]);
  return rows.map((a) => a.alias);
}

/** Removes one alias from the version; false when the version did not have it. */
export async function deleteVersionAlias({ sql }: DbHandle, versionId: number, alias: string): Promise<boolean> {
  return (await sql.run("delete from aliases where version_id = ? and alias = ?", [versionId, alias])).changes > 0;
}

/** Removes every alias of the version (it is being deleted). */
export async function deleteVersionAliases({ sql }: DbHandle, versionId: number): Promise<void> {
  await sql.run("delete from aliases where version_id = ?", [versionId]);
}
