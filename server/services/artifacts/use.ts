import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { getRunRow } from "../runs/runs";
import type { Namespace, UseInput } from "../schemas";
import { inTransaction } from "@/db/transaction";
import { recordEdges } from "./commit";
import { loadVersionDto, type VersionDto } from "./dto";
import { requireCommitted, resolveRef } from "./resolve";

/** `useArtifact(ref)`: records the version as an input of the run (idempotent). */
export function useArtifact(ctx: ServiceContext, ns: Namespace, input: UseInput): VersionDto {
  const versionId = inTransaction(ctx, () => {
    const project = getProject(ctx, ns);
    const run = getRunRow(ctx, project.id, input.runId, ns);
    const { version } = resolveRef(ctx, ns, input.ref);
    requireCommitted(version, input.ref);
    recordEdges(ctx, [run.id], version.id, "used");
    return version.id;
  });
  return loadVersionDto(ctx, versionId);
}
