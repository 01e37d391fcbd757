import type { DbHandle } from "../client";
import { perDialect, textList } from "./id-list";

/** The queries behind the blob store's rows: uploads, leases, GC and key rotation (server/services/blobs). */

/** Size and MD5 of a stored blob (every upload and download asks first). */
export function findBlob({ sql }: DbHandle, sha256: string): Promise<{ size: number; md5: string } | undefined> {
  return sql.get<{ size: number; md5: string }>("select size, md5 from blobs where sha256 = ?", [sha256]);
}

export async function blobExists({ sql }: DbHandle, sha256: string): Promise<boolean> {
  return (await sql.get("select 1 as found from blobs where sha256 = ?", [sha256])) !== undefined;
}

/** Keeps a stored blob safe from GC until `until` (epoch ms): a client announced it and will commit soon. */
export async function leaseBlob({ sql }: DbHandle, sha256: string, until: number): Promise<void> {
  await sql.run("update blobs set leased_until = ? where sha256 = ?", [until, sha256]);
}

/** Publishes a verified blob's row; a row already there keeps its size and MD5 and takes the new lease. */
export async function upsertBlob({ sql }: DbHandle, row: { sha256: string; size: number; md5: string; createdAt: number; leasedUntil: number }): Promise<void> {
  await sql.run(
    "insert into blobs (sha256, size, md5, created_at, leased_until) values (?, ?, ?, ?, ?) on conflict (sha256) do update set leased_until = excluded.leased_until",
    [row.sha256, row.size, row.md5, row.createdAt, row.leasedUntil],
  );
}

/**
 * A stored blob with this MD5 (base64) and, when given, this size. The W&B client names files by
 * MD5 only; when two blobs collide on both, the lowest SHA-256 wins so the answer is stable.
 */
export function findBlobByMd5({ sql }: DbHandle, md5: string, size?: number): Promise<{ sha256: string; size: number } | undefined> {
  if (size === undefined) return sql.get<{ sha256: string; size: number }>("select sha256, size from blobs where md5 = ? order by sha256 limit 1", [md5]);
  return sql.get<{ sha256: string; size: number }>("select sha256, size from blobs where md5 = ? and size = ? order by sha256 limit 1", [md5, size]);
}

export async function countBlobs({ sql }: DbHandle): Promise<number> {
  return (await sql.get<{ total: number }>("select count(*) as total from blobs"))!.total;
}

/** One page of blobs in SHA-256 order after `after` ("" for the first): key rotation walks them all, resumably. */
export function listBlobsAfter({ sql }: DbHandle, after: string, limit: number): Promise<{ sha256: string; size: number; md5: string }[]> {
  return sql.all<{ sha256: string; size: number; md5: string }>("select sha256, size, md5 from blobs where sha256 > ? order by sha256 limit ?", [after, limit]);
}

/** What GC may and may not take, as of `now`; blobs created before `graceCutoff` and not leased are out of grace. */
export interface GcWindow {
  now: number;
  graceCutoff: number;
}

const NO_LIVE_REFERENCE = `not exists (select 1 from entries e join versions v on v.id = e.version_id
                                 where e.blob_sha256 = b.sha256 and v.state != 'DELETED')`;
/** Its parameters, in order: graceCutoff, now (`outOfGrace`). */
const OUT_OF_GRACE = "b.created_at < ? and (b.leased_until is null or b.leased_until < ?)";
const outOfGrace = (w: GcWindow) => [w.graceCutoff, w.now];
const UNREFERENCED = `${NO_LIVE_REFERENCE} and ${OUT_OF_GRACE}`;

/** Blobs no live (committed or pending) version references and that are out of grace: GC's candidates. */
export function listCollectableBlobs({ sql }: DbHandle, window: GcWindow): Promise<{ sha256: string; size: number }[]> {
  return sql.all<{ sha256: string; size: number }>(`select b.sha256, b.size from blobs b where ${UNREFERENCED}`, outOfGrace(window));
}

/** Unreferenced blobs GC must keep for now (still in grace or leased): a later run reclaims them. */
export async function sumPendingBlobs({ sql }: DbHandle, window: GcWindow): Promise<{ blobsPending: number; bytesPending: number }> {
  return (await sql.get<{ blobsPending: number; bytesPending: number }>(
    `select count(*) as blobsPending, coalesce(sum(b.size), 0) as bytesPending from blobs b where ${NO_LIVE_REFERENCE} and not (${OUT_OF_GRACE})`,
    outOfGrace(window),
  ))!;
}

/**
 * Locks the blob's row until the transaction ends (PostgreSQL; SQLite's writers are serial anyway):
 * GC takes it before re-checking, so a commit or an upload's lease on the same blob waits for GC's
 * decision, or GC for theirs. False when there is no row.
 */
export async function lockBlob({ sql }: DbHandle, sha256: string): Promise<boolean> {
  return (await sql.get("select sha256 from blobs where sha256 = ? for update", [sha256])) !== undefined;
}

/**
 * Deletes the blob's row only if it is still collectable: the condition is re-checked in the DELETE
 * itself, so a commit (or a new lease) since GC's scan keeps the blob. True when the row went.
 * Run it after `lockBlob` in one transaction.
 */
export async function deleteBlobIfCollectable({ sql }: DbHandle, sha256: string, window: GcWindow): Promise<boolean> {
  return (await sql.run(`delete from blobs as b where b.sha256 = ? and ${UNREFERENCED}`, [sha256, ...outOfGrace(window)])).changes > 0;
}

const FIND_BLOBS = perDialect((d) => `select sha256, size, md5 from blobs where sha256 in (${textList(d)})`);
const FIND_BLOBS_BY_MD5 = perDialect((d) => `select md5, size, sha256 from blobs where md5 in (${textList(d)}) order by sha256`);

/** Size and MD5 of each stored blob among `sha256s` (a few hundred per call: commits check theirs in batches). */
export async function findBlobs({ sql }: DbHandle, sha256s: readonly string[]): Promise<Map<string, { size: number; md5: string }>> {
  if (sha256s.length === 0) return new Map();
  const rows = await sql.all<{ sha256: string; size: number; md5: string }>(FIND_BLOBS[sql.dialect], [JSON.stringify(sha256s)]);
  return new Map(rows.map((r) => [r.sha256, { size: r.size, md5: r.md5 }]));
}

/**
 * The stored blobs with these MD5s (base64), for `findBlobByMd5`'s rule on many at once: per MD5 and
 * size, the lowest SHA-256 comes first. A few hundred MD5s per call.
 */
export async function findBlobsByMd5({ sql }: DbHandle, md5s: readonly string[]): Promise<{ md5: string; size: number; sha256: string }[]> {
  if (md5s.length === 0) return [];
  return sql.all<{ md5: string; size: number; sha256: string }>(FIND_BLOBS_BY_MD5[sql.dialect], [JSON.stringify(md5s)]);
}
