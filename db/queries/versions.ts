import type { VersionState } from "@/lib/api-types";
import type { DbHandle } from "../client";
import type { CollectionRow } from "./collections";

/** The queries behind a version's life: lookups, index allocation at commit, drafts, edits and deletion. */

export interface VersionRow {
  id: number;
  collectionId: number;
  /** Null while PENDING: indexes are handed out in commit order. */
  versionIndex: number | null;
  state: VersionState;
  digest: string | null;
  size: number;
  fileCount: number;
  description: string;
  /** JSON text. */
  metadata: string;
  distributedId: string | null;
  baseVersionId: number | null;
  revision: number;
  createdAt: number;
  updatedAt: number;
  committedAt: number | null;
  deletedAt: number | null;
}

const VERSION_COLUMNS = `id, collection_id as collectionId, version_index as versionIndex, state, digest, size, file_count as fileCount,
  description, metadata, distributed_id as distributedId, base_version_id as baseVersionId, revision,
  created_at as createdAt, updated_at as updatedAt, committed_at as committedAt, deleted_at as deletedAt`;

/** Any version (a draft, a deleted one too) by its primary key. */
export function findVersionById({ sql }: DbHandle, id: number): Promise<VersionRow | undefined> {
  return sql.get<VersionRow>(`select ${VERSION_COLUMNS} from versions where id = ?`, [id]);
}

// Column and key of each VersionRow field, for the one-statement lookup below (its columns are prefixed).
const VERSION_FIELDS: readonly (readonly [column: string, key: keyof VersionRow])[] = [
  ["id", "id"],
  ["collection_id", "collectionId"],
  ["version_index", "versionIndex"],
  ["state", "state"],
  ["digest", "digest"],
  ["size", "size"],
  ["file_count", "fileCount"],
  ["description", "description"],
  ["metadata", "metadata"],
  ["distributed_id", "distributedId"],
  ["base_version_id", "baseVersionId"],
  ["revision", "revision"],
  ["created_at", "createdAt"],
  ["updated_at", "updatedAt"],
  ["committed_at", "committedAt"],
  ["deleted_at", "deletedAt"],
];
const COLLECTION_FIELDS: readonly (readonly [column: string, key: keyof CollectionRow])[] = [
  ["id", "id"],
  ["project_id", "projectId"],
  ["name", "name"],
  ["type", "type"],
  ["description", "description"],
  ["next_version_index", "nextVersionIndex"],
  ["version_count", "versionCount"],
  ["total_size", "totalSize"],
  ["created_at", "createdAt"],
  ["updated_at", "updatedAt"],
];
const IN_NAMESPACE_COLUMNS = [
  ...COLLECTION_FIELDS.map(([column, key]) => `c.${column} as c_${key}`),
  ...VERSION_FIELDS.map(([column, key]) => `v.${column} as v_${key}`),
].join(", ");

function pick<T>(row: Record<string, unknown>, prefix: string, fields: readonly (readonly [string, keyof T])[]): T | null {
  if (row[`${prefix}id`] === null) return null;
  return Object.fromEntries(fields.map(([, key]) => [key, row[`${prefix}${String(key)}`]])) as T;
}

/**
 * `vN` of a collection named in a namespace, with its project and collection, in one statement: a
 * table page or a file read over PostgreSQL pays one round trip for it, not two. Undefined: no such
 * project; a null collection or version: that one is missing (the caller says which).
 */
export async function findVersionInNamespace(
  { sql }: DbHandle,
  args: { entity: string; project: string; name: string; index: number },
): Promise<{ collection: CollectionRow | null; version: VersionRow | null } | undefined> {
  const row = await sql.get<Record<string, unknown>>(
    `select ${IN_NAMESPACE_COLUMNS}
     from projects p
     left join collections c on c.project_id = p.id and c.name = ?
     left join versions v on v.collection_id = c.id and v.version_index = ?
     where p.entity = ? and p.name = ?`,
    [args.name, args.index, args.entity, args.project],
  );
  if (!row) return undefined;
  return { collection: pick<CollectionRow>(row, "c_", COLLECTION_FIELDS), version: pick<VersionRow>(row, "v_", VERSION_FIELDS) };
}

/** `vN` of a collection: committed or deleted (drafts have no index yet). */
export function findVersionByIndex({ sql }: DbHandle, collectionId: number, index: number): Promise<VersionRow | undefined> {
  return sql.get<VersionRow>(`select ${VERSION_COLUMNS} from versions where collection_id = ? and version_index = ?`, [collectionId, index]);
}

/** True while a version row exists (a draft deduplicated at commit is deleted). */
export async function versionExists({ sql }: DbHandle, id: number): Promise<boolean> {
  return (await sql.get<{ id: number }>("select id from versions where id = ?", [id])) !== undefined;
}

/** The latest committed version of a collection (W&B's `latestArtifact`). */
export async function findLatestVersionId({ sql }: DbHandle, collectionId: number): Promise<number | undefined> {
  const row = await sql.get<{ id: number }>("select id from versions where collection_id = ? and state = 'COMMITTED' order by version_index desc limit 1", [collectionId]);
  return row?.id;
}

/**
 * Locks the collection row until the transaction ends (PostgreSQL; SQLite's writers are serial and it
 * drops the clause). Every writer that reads the collection's versions or aliases and then writes
 * based on them takes it first: index allocation, dedup by digest, alias moves, collaborative drafts,
 * deletion. One lock per collection serializes them there and nowhere else.
 */
export async function lockCollection({ sql }: DbHandle, collectionId: number): Promise<void> {
  await sql.get("select id from collections where id = ? for update", [collectionId]);
}

/** Locks one version row until the transaction ends (PostgreSQL; SQLite drops the clause): writers of one draft's side tables take turns. */
export async function lockVersion({ sql }: DbHandle, id: number): Promise<void> {
  await sql.get("select id from versions where id = ? for update", [id]);
}

/** The open draft of a distributed id (the partial unique index allows one per collection). */
export function findOpenDraft({ sql }: DbHandle, collectionId: number, distributedId: string): Promise<VersionRow | undefined> {
  return sql.get<VersionRow>(`select ${VERSION_COLUMNS} from versions where collection_id = ? and distributed_id = ? and state = 'PENDING'`, [collectionId, distributedId]);
}

/** The newest committed version of the collection with these contents (dedup at commit and at W&B's CreateArtifact). */
export async function findCommittedVersionByDigest({ sql }: DbHandle, collectionId: number, digest: string): Promise<number | undefined> {
  const row = await sql.get<{ id: number }>(
    "select id from versions where collection_id = ? and digest = ? and state = 'COMMITTED' order by version_index desc limit 1",
    [collectionId, digest],
  );
  return row?.id;
}

/**
 * The index the collection's next commit gets. Read it inside the committing transaction, after
 * `lockCollection`: this counter is the only source of version indexes, so they stay unique and never reused.
 */
export async function readNextVersionIndex({ sql }: DbHandle, collectionId: number): Promise<number> {
  const row = await sql.get<{ nextVersionIndex: number }>("select next_version_index as nextVersionIndex from collections where id = ?", [collectionId]);
  return row!.nextVersionIndex;
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

/** A new committed version (simple and patch mode); returns its id. */
export async function insertCommittedVersion(
  { sql }: DbHandle,
  row: CommittedFields & { collectionId: number; baseVersionId: number | null; distributedId: string | null },
): Promise<number> {
  const inserted = await sql.get<{ id: number }>(
    `insert into versions (collection_id, version_index, state, digest, size, file_count, description, metadata,
       distributed_id, base_version_id, created_at, updated_at, committed_at)
     values (?, ?, 'COMMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     returning id`,
    [row.collectionId, row.versionIndex, row.digest, row.size, row.fileCount, row.description, row.metadata, row.distributedId, row.baseVersionId, row.now, row.now, row.now],
  );
  return inserted!.id;
}

/** A collaborative draft becomes a committed version in place (its entries are already stored). */
export async function commitDraftVersion({ sql }: DbHandle, draftId: number, f: CommittedFields): Promise<void> {
  await sql.run(
    `update versions set version_index = ?, state = 'COMMITTED', digest = ?, size = ?, file_count = ?,
       description = ?, metadata = ?, committed_at = ?, updated_at = ?
     where id = ?`,
    [f.versionIndex, f.digest, f.size, f.fileCount, f.description, f.metadata, f.now, f.now, draftId],
  );
}

/** Counts a new committed version in its collection: the index counter moves on, the counts and sizes grow. */
export async function recordCommitInCollection({ sql }: DbHandle, args: { collectionId: number; nextVersionIndex: number; size: number; now: number }): Promise<void> {
  await sql.run(
    "update collections set next_version_index = ?, version_count = version_count + 1, total_size = total_size + ?, updated_at = ? where id = ?",
    [args.nextVersionIndex, args.size, args.now, args.collectionId],
  );
}

/** Removes a draft row; its entries and edges must be gone first. Only a PENDING version is ever removed. */
export async function deletePendingVersion({ sql }: DbHandle, id: number): Promise<void> {
  await sql.run("delete from versions where id = ? and state = 'PENDING'", [id]);
}

/** Soft delete: the row stays (its page and history remain), its files wait for garbage collection. */
export async function markVersionDeleted({ sql }: DbHandle, id: number, now: number): Promise<void> {
  await sql.run("update versions set state = 'DELETED', deleted_at = ?, updated_at = ?, revision = revision + 1 where id = ?", [now, now, id]);
}

/** The collection stops counting a deleted committed version (its index is never reused). */
export async function recordDeleteInCollection({ sql }: DbHandle, args: { collectionId: number; size: number; now: number }): Promise<void> {
  await sql.run("update collections set version_count = version_count - 1, total_size = total_size - ?, updated_at = ? where id = ?", [
    args.size,
    args.now,
    args.collectionId,
  ]);
}

/**
 * An edit of a version: the revision grows (a save based on an older one is refused), and the given
 * description and metadata (JSON text) replace the stored ones; omitted ones stay.
 */
export async function reviseVersion({ sql }: DbHandle, args: { id: number; description?: string; metadata?: string; now: number }): Promise<void> {
  await sql.run(
    `update versions set description = coalesce(?, description), metadata = coalesce(?, metadata), revision = revision + 1, updated_at = ?
     where id = ?`,
    [args.description ?? null, args.metadata ?? null, args.now, args.id],
  );
}

/** A draft's totals after an upsert merged entries into it. */
export async function setDraftTotals({ sql }: DbHandle, id: number, totals: { size: number; fileCount: number; now: number }): Promise<void> {
  await sql.run("update versions set size = ?, file_count = ?, updated_at = ? where id = ?", [totals.size, totals.fileCount, totals.now, id]);
}

/** A writer joining a draft updates its description and metadata (JSON text); the draft's update time moves with its entries only. */
export async function setDraftText({ sql }: DbHandle, id: number, text: { description: string; metadata: string }): Promise<void> {
  await sql.run("update versions set metadata = ?, description = ? where id = ?", [text.metadata, text.description, id]);
}

/** Opens a collaborative draft: PENDING, no index until it is committed. */
export async function insertDraft({ sql }: DbHandle, row: { collectionId: number; distributedId: string; description: string; metadata: string; now: number }): Promise<VersionRow> {
  const inserted = await sql.get<VersionRow>(
    `insert into versions (collection_id, state, distributed_id, description, metadata, created_at, updated_at)
     values (?, 'PENDING', ?, ?, ?, ?, ?)
     returning ${VERSION_COLUMNS}`,
    [row.collectionId, row.distributedId, row.description, row.metadata, row.now, row.now],
  );
  return inserted!;
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

const PENDING_SELECT = `select v.id, c.name, c.type, v.distributed_id as distributedId, v.file_count as fileCount, v.size, v.created_at as createdAt, v.updated_at as updatedAt
     from versions v join collections c on c.id = v.collection_id
     where c.project_id = ? and v.state = 'PENDING'`;
/** The four constant texts of a drafts page: first page or after a cursor, oldest or newest first. */
const PENDING_PAGE = {
  first: { asc: `${PENDING_SELECT} order by v.created_at asc, v.id asc limit ?`, desc: `${PENDING_SELECT} order by v.created_at desc, v.id desc limit ?` },
  after: {
    asc: `${PENDING_SELECT} and (v.created_at, v.id) > (?, ?) order by v.created_at asc, v.id asc limit ?`,
    desc: `${PENDING_SELECT} and (v.created_at, v.id) < (?, ?) order by v.created_at desc, v.id desc limit ?`,
  },
} as const;

/**
 * A project's drafts keyset-paged by (created, id): `limit` rows after the cursor `after`, oldest
 * first unless `newest`. Drafts are few next to committed versions, and the (collection, state) index
 * finds them per collection, so ordering them needs no extra index.
 */
export function listPendingVersions(
  { sql }: DbHandle,
  opts: { projectId: number; after: { t: number; id: number } | null; newest: boolean; limit: number },
): Promise<PendingVersionRow[]> {
  const dir = opts.newest ? "desc" : "asc";
  if (!opts.after) return sql.all<PendingVersionRow>(PENDING_PAGE.first[dir], [opts.projectId, opts.limit]);
  const { t, id } = opts.after;
  return sql.all<PendingVersionRow>(PENDING_PAGE.after[dir], [opts.projectId, t, id, opts.limit]);
}

export async function countPendingVersions({ sql }: DbHandle, projectId: number): Promise<number> {
  const row = await sql.get<{ n: number }>(
    "select count(*) as n from versions v join collections c on c.id = v.collection_id where c.project_id = ? and v.state = 'PENDING'",
    [projectId],
  );
  return row!.n;
}
