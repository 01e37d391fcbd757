import { listRunIdsOfVersion, listVersionIdsOfRun } from "@/db/queries/lineage";
import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { getRunRow, loadRunDtos, type RunDto } from "../runs/runs";
import type { Namespace } from "../schemas";
import { loadVersionDto, loadVersionDtos, type VersionDto } from "./dto";
import { resolveVersion } from "./resolve";

export interface VersionLineage {
  loggedBy: RunDto[];
  usedBy: RunDto[];
  basedOn: VersionDto | null;
}

async function runsOf(ctx: ServiceContext, versionId: number, kind: "logged" | "used"): Promise<RunDto[]> {
  return loadRunDtos(ctx, await listRunIdsOfVersion(ctx, versionId, kind));
}

/** `loggedBy()`, `usedBy()` and the patched-from base of a version. */
export async function getVersionLineage(ctx: ServiceContext, ns: Namespace, name: string, selector: string): Promise<VersionLineage> {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  return {
    loggedBy: await runsOf(ctx, version.id, "logged"),
    usedBy: await runsOf(ctx, version.id, "used"),
    basedOn: version.baseVersionId === null ? null : await loadVersionDto(ctx, version.baseVersionId),
  };
}

/** `loggedArtifacts()` / `usedArtifacts()` of a run. */
export async function listRunArtifacts(ctx: ServiceContext, ns: Namespace, runId: string, kind: "logged" | "used"): Promise<VersionDto[]> {
  const project = await getProject(ctx, ns);
  const run = await getRunRow(ctx, project.id, runId, ns);
  return await loadVersionDtos(ctx, await listVersionIdsOfRun(ctx, run.id, kind));
}
