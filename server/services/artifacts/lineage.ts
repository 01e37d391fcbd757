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

function runsOf(ctx: ServiceContext, versionId: number, kind: "logged" | "used"): RunDto[] {
  const pks = ctx.sqlite
    .prepare<[number, string], { runId: number }>("select run_id as runId from run_edges where version_id = ? and kind = ? order by id")
    .all(versionId, kind)
    .map((r) => r.runId);
  return loadRunDtos(ctx, pks);
}

/** `loggedBy()`, `usedBy()` and the patched-from base of a version. */
export function getVersionLineage(ctx: ServiceContext, ns: Namespace, name: string, selector: string): VersionLineage {
  const { version } = resolveVersion(ctx, ns, name, selector);
  return {
    loggedBy: runsOf(ctx, version.id, "logged"),
    usedBy: runsOf(ctx, version.id, "used"),
    basedOn: version.baseVersionId === null ? null : loadVersionDto(ctx, version.baseVersionId),
  };
}

/** `loggedArtifacts()` / `usedArtifacts()` of a run. */
export function listRunArtifacts(ctx: ServiceContext, ns: Namespace, runId: string, kind: "logged" | "used"): VersionDto[] {
  const project = getProject(ctx, ns);
  const run = getRunRow(ctx, project.id, runId, ns);
  const ids = ctx.sqlite
    .prepare<[number, string], { versionId: number }>("select version_id as versionId from run_edges where run_id = ? and kind = ? order by id")
    .all(run.id, kind)
    .map((r) => r.versionId);
  return loadVersionDtos(ctx, ids);
}
