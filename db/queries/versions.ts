import type { LegacyDbHandle } from "../client";
import type { versions } from "../schema";
import { prepared } from "../statements";

/** The queries behind a version's life: lookups, index allocation at commit, drafts, edits and deletion. */

export type VersionRow = typeof versions.$inferSelect;

const VERSION_COLUMNS = `id, collection_id as collectionId, version_index as versionIndex, state, digest, size, file_count as fileCount,
  description, metadata, distributed_id as distributedId, base_version_id as baseVersionId, revision,
  created_at as createdAt, updated_at as updatedAt, committed_at as committedAt, deleted_at as deletedAt`;

/** Any version (a draft, a deleted one too) by its primary key. */
export function findVersionById({ sqlite }: LegacyDbHandle, id: number): VersionRow | undefined {
  return prepared<[number], VersionRow>(sqlite, `select ${VERSION_COLUMNS} from versions where id = ?`).get(id);
}

/** `vN` of a collection: committed or deleted (drafts have no index yet). */
export function findVersionByIndex({ sqlite }: LegacyDbHandle, collectionId: number, index: number): VersionRow | undefined {
  return prepared<[number, number], VersionRow>(sqlite, `select ${VERSION_COLUMNS} from versions where collection_id = ? and version_index = ?`).get(collectionId, index);
}

/** True while a version row exists (a draft deduplicated at commit is deleted). */
export function versionExists({ sqlite }: LegacyDbHandle, id: number): boolean {
  return prepared<[number], { id: number }>(sqlite, "select id from versions where id = ?").get(id) !== undefined;
}

/** The latest committed version of a collection (W&B's `latestArtifact`). */
export function findLatestVersionId({ sqlite }: LegacyDbHandle, collectionId: number): number | undefined {
  return prepared<[number], { id: number }>(
    sqlite,
    "select id from versions where collection_id = ? and state = 'COMMITTED' order by version_index desc limit 1",
  ).get(collectionId)?.id;
}

/** The open draft of a distributed id (the partial unique index allows one per collection). */
export function findOpenDraft({ sqlite }: LegacyDbHandle, collectionId: number, distributedId: string): VersionRow | undefined {
  return prepared<[number, string], VersionRow>(
    sqlite,
    `select ${VERSION_COLUMNS} from versions where collection_id = ? and distributed_id = ? and state = 'PENDING'`,
  ).get(collectionId, distributedId);
}

/** The newest committed version of the collection with these contents (dedup at commit and at W&B's CreateArtifact). */
export function findCommittedVersionByDigest({ sqlite }: LegacyDbHandle, collectionId: number, digest: string): number | undefined {
  return prepared<[number, string], { id: number }>(
    sqlite,
    "select id from versions where collection_id = ? and digest = ? and state = 'COMMITTED' order by version_index desc limit 1",
  ).get(collectionId, digest)?.id;
}

/**
 * The index the collection's next commit gets. Read it inside the committing transaction: this
 * counter is the only source of version indexes, so they stay unique and never reused.
 */
export function readNextVersionIndex({ sqlite }: LegacyDbHandle, collectionId: number): number {
  return prepared<[number], { nextVersionIndex: number }>(sqlite, "select next_version_index as nextVersionIndex from collections where id = ?").get(collectionId)!.nextVersionIndex;
}

/** What a commit writes on the version it creates or finishes. */
export interface CommittedFields {
  versionIndex: number;
  digest: string;
  size: number;
  fileCount: number;
  description: string;
  metadata: string;
  now: number;
}

const COMMITTED_SET = `version_index = @versionIndex, state = 'COMMITTED', digest = @digest, size = @size, file_count = @fileCount,
  description = @description, metadata = @metadata, committed_at = @now, updated_at = @now`;

/** A new committed version (simple and patch mode); returns its id. */
export function insertCommittedVersion(
  { sqlite }: LegacyDbHandle,
  row: CommittedFields & { collectionId: number; baseVersionId: number | null; distributedId: string | null },
): number {
  return prepared<Record<string, unknown>, { id: number }>(
    sqlite,
    `insert into versions (collection_id, version_index, state, digest, size, file_count, description, metadata,
       distributed_id, base_version_id, created_at, updated_at, committed_at)
     values (@collectionId, @versionIndex, 'COMMITTED', @digest, @size, @fileCount, @description, @metadata,
       @distributedId, @baseVersionId, @now, @now, @now)
     returning id`,
  ).get({ ...row })!.id;
}

/** A collaborative draft becomes a committed version in place (its entries are already stored). */
export function commitDraftVersion({ sqlite }: LegacyDbHandle, draftId: number, fields: CommittedFields): void {
  prepared<Record<string, unknown>>(sqlite, `update versions set ${COMMITTED_SET} where id = @id`).run({ ...fields, id: draftId });
}

/** Counts a new committed version in its collection: the index counter moves on, the counts and sizes grow. */
export function recordCommitInCollection({ sqlite }: LegacyDbHandle, args: { collectionId: number; nextVersionIndex: number; size: number; now: number }): void {
  prepared<Record<string, unknown>>(
    sqlite,
    `update collections set next_version_index = @nextVersionIndex, version_count = version_count + 1, total_size = total_size + @size, updated_at = @now
     where id = @collectionId`,
  ).run(args);
}

/** Removes a draft row; its entries and edges must be gone first. Only a PENDING version is ever removed. */
export function deletePendingVersion({ sqlite }: LegacyDbHandle, id: number): void {
  prepared<[number]>(sqlite, "delete from versions where id = ? and state = 'PENDING'").run(id);
}

/** Soft delete: the row stays (its page and history remain), its files wait for garbage collection. */
export function markVersionDeleted({ sqlite }: LegacyDbHandle, id: number, now: number): void {
  prepared<[number, number, number]>(sqlite, "update versions set state = 'DELETED', deleted_at = ?, updated_at = ?, revision = revision + 1 where id = ?").run(now, now, id);
}

/** The collection stops counting a deleted committed version (its index is never reused). */
export function recordDeleteInCollection({ sqlite }: LegacyDbHandle, args: { collectionId: number; size: number; now: number }): void {
  prepared<Record<string, unknown>>(
    sqlite,
    "update collections set version_count = version_count - 1, total_size = total_size - @size, updated_at = @now where id = @collectionId",
  ).run(args);
}

/**
 * An edit of a version: the revision grows (a save based on an older one is refused), and the given
 * description and metadata (JSON text) replace the stored ones; omitted ones stay.
 */
export function reviseVersion({ sqlite }: LegacyDbHandle, args: { id: number; description?: string; metadata?: string; now: number }): void {
  prepared<Record<string, unknown>>(
    sqlite,
    `update versions set description = coalesce(@description, description), metadata = coalesce(@metadata, metadata),
       revision = revision + 1, updated_at = @now
     where id = @id`,
  ).run({ description: null, metadata: null, ...args });
}

/** A draft's totals after an upsert merged entries into it. */
export function setDraftTotals({ sqlite }: LegacyDbHandle, id: number, totals: { size: number; fileCount: number; now: number }): void {
  prepared<Record<string, unknown>>(sqlite, "update versions set size = @size, file_count = @fileCount, updated_at = @now where id = @id").run({ ...totals, id });
}

/** A writer joining a draft updates its description and metadata (JSON text); the draft's update time moves with its entries only. */
export function setDraftText({ sqlite }: LegacyDbHandle, id: number, text: { description: string; metadata: string }): void {
  prepared<Record<string, unknown>>(sqlite, "update versions set metadata = @metadata, description = @description where id = @id").run({ ...text, id });
}

/** Opens a collaborative draft: PENDING, no index until it is committed. */
export function insertDraft({ sqlite }: LegacyDbHandle, row: { collectionId: number; distributedId: string; description: string; metadata: string; now: number }): VersionRow {
  return prepared<Record<string, unknown>, VersionRow>(
    sqlite,
    `insert into versions (collection_id, state, distributed_id, description, metadata, created_at, updated_at)
     values (@collectionId, 'PENDING', @distributedId, @description, @metadata, @now, @now)
     returning ${VERSION_COLUMNS}`,
  ).get(row)!;
}

export interface PendingVersionRow {
  id: number;
  name: string;
  type: string;
  distributedId: string | null;
  fileCount: number;
  size: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * A project's drafts keyset-paged by (created, id): `limit` rows after the cursor `after`, oldest
 * first unless `newest`. Drafts are few next to committed versions, and the (collection, state) index
 * finds them per collection, so ordering them needs no extra index.
 */
export function listPendingVersions(
  { sqlite }: LegacyDbHandle,
  opts: { projectId: number; after: { t: number; id: number } | null; newest: boolean; limit: number },
): PendingVersionRow[] {
  const [cmp, dir] = opts.newest ? ["<", "desc"] : [">", "asc"];
  return prepared<Record<string, unknown>, PendingVersionRow>(
    sqlite,
    `select v.id, c.name, c.type, v.distributed_id as distributedId, v.file_count as fileCount, v.size, v.created_at as createdAt, v.updated_at as updatedAt
     from versions v join collections c on c.id = v.collection_id
     where c.project_id = @project and v.state = 'PENDING' ${opts.after ? `and (v.created_at, v.id) ${cmp} (@t, @id)` : ""}
     order by v.created_at ${dir}, v.id ${dir} limit @limit`,
  ).all({ project: opts.projectId, t: opts.after?.t, id: opts.after?.id, limit: opts.limit });
}

export function countPendingVersions({ sqlite }: LegacyDbHandle, projectId: number): number {
  return prepared<[number], { n: number }>(
    sqlite,
    "select count(*) as n from versions v join collections c on c.id = v.collection_id where c.project_id = ? and v.state = 'PENDING'",
  ).get(projectId)!.n;
}
