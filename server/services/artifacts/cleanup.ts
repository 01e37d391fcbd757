import { recordAudit } from "../accounts/audit";
import type { ServiceContext } from "../../context";
import type { CleanupInput, Namespace } from "../schemas";
import { lockCleanupCollection as lockCollection, sumExclusiveBlobBytes } from "@/db/queries/cleanup";
import { transaction } from "@/db/transaction";
import { collectionsInScope, cutOf, selectedIds } from "./cleanup-selection";
import { deleteVersionRow } from "./delete";
import { loadVersionDtos, type VersionDto } from "./dto";
import { getVersionById } from "./resolve";

export interface CleanupResult {
  dryRun: boolean;
  versions: VersionDto[];
  /** Bytes of blobs that only the selected versions reference: what GC will reclaim. */
  bytesFreed: number;
}

/**
 * Bulk cleanup of a collection: every committed version without an alias, except the
 * `keepNewest` newest of those, and (optionally) only those older than `olderThanDays`.
 * With `includeDrafts`, pending drafts older than the cut-off go too. (The rule itself lives in
 * cleanup-selection.ts, shared with the project-wide cleanup of the web UI.)
 */
export async function cleanupCollection(ctx: ServiceContext, ns: Namespace, name: string, input: CleanupInput, actor: string): Promise<CleanupResult> {
  // Selection and deletes in one transaction: what is counted is what goes. On PostgreSQL the collection row
  // is locked first (`for update`), so an alias move or a commit into it waits for this cleanup, as on SQLite.
  const { picked, bytesFreed } = await transaction(ctx, async () => {
    const [collection] = await collectionsInScope(ctx, ns, { collection: name });
    await lockCollection(ctx, collection!.id);
    const cut = await cutOf(ctx, collection!, input);
    const picked = await selectedIds(ctx, cut, input);
    const bytesFreed = await exclusiveBytes(ctx, picked);
    if (!input.dryRun) {
      for (const id of picked) await deleteVersionRow(ctx, name, await getVersionById(ctx, id), false, actor);
      await recordAudit(ctx, { actor, action: "cleanup", target: `${ns.entity}/${ns.project}/${name}`, entity: ns.entity, detail: { versions: picked.length, bytesFreed } });
    }
    return { picked, bytesFreed };
  });
  return { dryRun: input.dryRun, versions: await loadVersionDtos(ctx, picked), bytesFreed };
}

/** Sum of the distinct blobs referenced by `ids` and by no other live version, in any collection. */
export async function exclusiveBytes(ctx: ServiceContext, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return sumExclusiveBlobBytes(ctx, ids);
}
