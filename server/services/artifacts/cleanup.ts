import type { ServiceContext } from "../../context";
import type { CleanupInput, Namespace } from "../schemas";
import { inTransaction } from "../transaction";
import { getCollection } from "./collections";
import { deleteVersionRow } from "./delete";
import { loadVersionDtos, type VersionDto } from "./dto";
import { getVersionById } from "./resolve";

export interface CleanupResult {
  dryRun: boolean;
  versions: VersionDto[];
  /** Bytes of blobs that only the selected versions reference: what GC will reclaim. */
  bytesFreed: number;
}

const DAY_MS = 86_400_000;

/**
 * Bulk cleanup of a collection: every committed version without an alias, except the
 * `keepNewest` newest of those, and (optionally) only those older than `olderThanDays`.
 * With `includeDrafts`, pending drafts older than the cut-off go too.
 */
export function cleanupCollection(ctx: ServiceContext, ns: Namespace, name: string, input: CleanupInput, actor: string): CleanupResult {
  return inTransaction(ctx, () => {
    const collection = getCollection(ctx, ns, name);
    const cutoff = input.olderThanDays === undefined ? Number.POSITIVE_INFINITY : ctx.now() - input.olderThanDays * DAY_MS;
    const unaliased = ctx.sqlite
      .prepare<[number], { id: number; createdAt: number }>(
        `select v.id, v.created_at as createdAt from versions v
         where v.collection_id = ? and v.state = 'COMMITTED'
           and not exists (select 1 from aliases a where a.version_id = v.id)
         order by v.version_index desc`,
      )
      .all(collection.id);
    const picked = unaliased.slice(input.keepNewest).filter((v) => v.createdAt < cutoff).map((v) => v.id);
    if (input.includeDrafts) {
      const drafts = ctx.sqlite
        .prepare<[number], { id: number; createdAt: number }>("select id, created_at as createdAt from versions where collection_id = ? and state = 'PENDING' order by id")
        .all(collection.id);
      picked.push(...drafts.filter((d) => d.createdAt < cutoff).map((d) => d.id));
    }
    const bytesFreed = exclusiveBytes(ctx, picked);
    const dtos = loadVersionDtos(ctx, picked);
    if (!input.dryRun) {
      for (const id of picked) deleteVersionRow(ctx, name, getVersionById(ctx, id), false, actor);
    }
    return { dryRun: input.dryRun, versions: input.dryRun ? dtos : loadVersionDtos(ctx, picked), bytesFreed };
  });
}

/** Sum of the distinct blobs referenced by `ids` and by no other live version, in any collection. */
export function exclusiveBytes(ctx: ServiceContext, ids: number[]): number {
  if (ids.length === 0) return 0;
  const row = ctx.sqlite
    .prepare<[string, string], { bytes: number }>(
      `with picked(id) as (select value from json_each(?)),
            picked_blobs as (select distinct e.blob_sha256 as sha from entries e where e.version_id in (select id from picked) and e.blob_sha256 is not null)
       select coalesce(sum(b.size), 0) as bytes from blobs b join picked_blobs p on p.sha = b.sha256
       where not exists (
         select 1 from entries e join versions v on v.id = e.version_id
         where e.blob_sha256 = b.sha256 and v.state != 'DELETED' and v.id not in (select value from json_each(?)))`,
    )
    .get(JSON.stringify(ids), JSON.stringify(ids));
  return row?.bytes ?? 0;
}
