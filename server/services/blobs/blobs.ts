import type { Readable } from "node:stream";
import { blobExists, findBlob, leaseBlob, upsertBlob } from "@/db/queries/blobs";
import { transaction } from "@/db/transaction";
import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { SHA256_PATTERN, type StoredBlob } from "../../storage/blob-store";
import { withBlobLock } from "./blob-lock";

/** How long an announced or fresh blob is safe from GC: the time a client has to commit. */
export const BLOB_LEASE_MS = 60 * 60 * 1000;

export function checkSha(sha256: string): void {
  if (!SHA256_PATTERN.test(sha256)) throw new ValidationError(`invalid SHA-256 ${JSON.stringify(sha256)}: expected 64 lowercase hex digits`);
}

/**
 * Step 2 of the upload protocol: which of these blobs must the client send? The ones already
 * stored are leased, so a GC running before the commit cannot take them away.
 */
export async function findMissingBlobs(ctx: ServiceContext, list: { sha256: string; size: number }[]): Promise<string[]> {
  list.forEach((b) => checkSha(b.sha256));
  const unique = [...new Set(list.map((b) => b.sha256))];
  const leaseUntil = ctx.now() + BLOB_LEASE_MS;
  // The set is built inside: a retried transaction (PostgreSQL) starts from an empty one.
  const present = await transaction(ctx, async () => {
    const found = new Set<string>();
    for (const sha of unique) {
      if (await blobExists(ctx, sha)) {
        found.add(sha);
        await leaseBlob(ctx, sha, leaseUntil);
      }
    }
    return found;
  });
  return unique.filter((sha) => !present.has(sha));
}

export interface UploadResult {
  sha256: string;
  size: number;
  md5: string;
  created: boolean;
}

/** Streams bytes into the store, verifies them, and publishes blob file + row under the blob's lock. */
export async function uploadBlob(
  ctx: ServiceContext,
  input: { sha256: string; size: number; md5?: string; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> },
): Promise<UploadResult> {
  checkSha(input.sha256);
  const known = await findBlob(ctx, input.sha256);
  if (known) {
    for await (const _ of input.body) void _; // drain: the client is still sending
    return { sha256: input.sha256, size: known.size, md5: known.md5, created: false };
  }
  return withBlobLock(ctx, input.sha256, async () => {
    const stored = await ctx.blobs.put(input.sha256, input.body, { size: input.size, md5: input.md5 });
    await recordBlob(ctx, stored);
    return { ...stored, created: true };
  });
}

/** Publishes a verified blob's row, leased so that a GC before the commit leaves it alone. Call under the blob's lock. */
export async function recordBlob(ctx: ServiceContext, stored: StoredBlob): Promise<void> {
  const now = ctx.now();
  await upsertBlob(ctx, { sha256: stored.sha256, size: stored.size, md5: stored.md5, createdAt: now, leasedUntil: now + BLOB_LEASE_MS });
}

export async function readBlob(ctx: ServiceContext, sha256: string, range?: { start: number; end: number }): Promise<Readable> {
  checkSha(sha256);
  return ctx.blobs.read(sha256, range);
}

export function getBlobInfo(ctx: ServiceContext, sha256: string): Promise<{ size: number; md5: string } | undefined> {
  checkSha(sha256);
  return findBlob(ctx, sha256);
}
