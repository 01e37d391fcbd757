import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/** The queries behind the blob store's rows: uploads, leases, GC and key rotation (server/services/blobs). */

/** Size and MD5 of a stored blob (every upload and download asks first). */
export function findBlob({ sqlite }: LegacyDbHandle, sha256: string): { size: number; md5: string } | undefined {
  return prepared<[string], { size: number; md5: string }>(sqlite, "select size, md5 from blobs where sha256 = ?").get(sha256);
}

export function blobExists({ sqlite }: LegacyDbHandle, sha256: string): boolean {
  return prepared<[string]>(sqlite, "select 1 from blobs where sha256 = ?").get(sha256) !== undefined;
}

/** Keeps a stored blob safe from GC until `until` (epoch ms): a client announced it and will commit soon. */
export function leaseBlob({ sqlite }: LegacyDbHandle, sha256: string, until: number): void {
  prepared<[number, string]>(sqlite, "update blobs set leased_until = ? where sha256 = ?").run(until, sha256);
}

/** Publishes a verified blob's row; a row already there keeps its size and MD5 and takes the new lease. */
export function upsertBlob({ sqlite }: LegacyDbHandle, row: { sha256: string; size: number; md5: string; createdAt: number; leasedUntil: number }): void {
  prepared<[string, number, string, number, number]>(
    sqlite,
    "insert into blobs (sha256, size, md5, created_at, leased_until) values (?, ?, ?, ?, ?) on conflict(sha256) do update set leased_until = excluded.leased_until",
  ).run(row.sha256, row.size, row.md5, row.createdAt, row.leasedUntil);
}

/**
 * A stored blob with this MD5 (base64) and, when given, this size. The W&B client names files by
 * MD5 only; when two blobs collide on both, the lowest SHA-256 wins so the answer is stable.
 */
export function findBlobByMd5({ sqlite }: LegacyDbHandle, md5: string, size?: number): { sha256: string; size: number } | undefined {
  if (size === undefined) {
    return prepared<[string], { sha256: string; size: number }>(sqlite, "select sha256, size from blobs where md5 = ? order by sha256 limit 1").get(md5);
  }
  return prepared<[string, number], { sha256: string; size: number }>(sqlite, "select sha256, size from blobs where md5 = ? and size = ? order by sha256 limit 1").get(md5, size);
}

export function countBlobs({ sqlite }: LegacyDbHandle): number {
  return prepared<[], { total: number }>(sqlite, "select count(*) as total from blobs").get()!.total;
}

/** One page of blobs in SHA-256 order after `after` ("" for the first): key rotation walks them all, resumably. */
export function listBlobsAfter({ sqlite }: LegacyDbHandle, after: string, limit: number): { sha256: string; size: number; md5: string }[] {
  return prepared<[string, number], { sha256: string; size: number; md5: string }>(sqlite, "select sha256, size, md5 from blobs where sha256 > ? order by sha256 limit ?").all(after, limit);
}

/** What GC may and may not take, as of `now`; blobs created before `graceCutoff` and not leased are out of grace. */
// A type, not an interface: better-sqlite3's named parameters want an indexable record.
export type GcWindow = {
  now: number;
  graceCutoff: number;
};

const NO_LIVE_REFERENCE = `not exists (select 1 from entries e join versions v on v.id = e.version_id
                                 where e.blob_sha256 = b.sha256 and v.state != 'DELETED')`;
const OUT_OF_GRACE = "b.created_at < @graceCutoff and (b.leased_until is null or b.leased_until < @now)";
const UNREFERENCED = `${NO_LIVE_REFERENCE} and ${OUT_OF_GRACE}`;

/** Blobs no live (committed or pending) version references and that are out of grace: GC's candidates. */
export function listCollectableBlobs({ sqlite }: LegacyDbHandle, window: GcWindow): { sha256: string; size: number }[] {
  return prepared<GcWindow, { sha256: string; size: number }>(sqlite, `select b.sha256, b.size from blobs b where ${UNREFERENCED}`).all(window);
}

/** Unreferenced blobs GC must keep for now (still in grace or leased): a later run reclaims them. */
export function sumPendingBlobs({ sqlite }: LegacyDbHandle, window: GcWindow): { blobsPending: number; bytesPending: number } {
  return prepared<GcWindow, { blobsPending: number; bytesPending: number }>(
    sqlite,
    `select count(*) as blobsPending, coalesce(sum(b.size), 0) as bytesPending from blobs b where ${NO_LIVE_REFERENCE} and not (${OUT_OF_GRACE})`,
  ).get(window)!;
}

/**
 * Deletes the blob's row only if it is still collectable: the condition is re-checked in the DELETE
 * itself, so a commit (or a new lease) since GC's scan keeps the blob. True when the row went.
 */
export function deleteBlobIfCollectable({ sqlite }: LegacyDbHandle, sha256: string, window: GcWindow): boolean {
  return prepared<GcWindow & { sha: string }>(sqlite, `delete from blobs as b where b.sha256 = @sha and ${UNREFERENCED}`).run({ ...window, sha: sha256 }).changes > 0;
}
