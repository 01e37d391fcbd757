import { sumProjectBytes } from "@/db/queries/storage";
import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import type { Namespace } from "../schemas";
import { collectGarbage, type GcResult } from "./gc";

export interface ProjectStorage {
  projectBytes: number;
  projectVersions: number;
  /** A dry run of garbage collection (store-wide): the very query GC runs, so it reclaims what this says. */
  gc: Pick<GcResult, "blobsDeleted" | "bytesFreed" | "blobsPending" | "bytesPending">;
}

/**
 * The storage panel (issue 14, item 7). Before, the cleanup result said "can reclaim up to 15.3 KB"
 * (blobs only the deleted versions held) and GC then reclaimed 425.5 KB (every unreferenced blob):
 * the figure shown here is GC's own dry run instead.
 */
export async function getProjectStorage(ctx: ServiceContext, ns: Namespace): Promise<ProjectStorage> {
  const totals = await sumProjectBytes(ctx, (await getProject(ctx, ns)).id);
  const { blobsDeleted, bytesFreed, blobsPending, bytesPending } = await collectGarbage(ctx, { dryRun: true });
  return { projectBytes: totals.bytes, projectVersions: totals.versions, gc: { blobsDeleted, bytesFreed, blobsPending, bytesPending } };
}
