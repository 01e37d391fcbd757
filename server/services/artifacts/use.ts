import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { getRunRow } from "../runs/runs";
import type { Namespace, UseInput } from "../schemas";
import { transaction } from "@/db/transaction";
import { recordEdges } from "./commit";
import { loadVersionDto, type VersionDto } from "./dto";
import { requireCommitted, resolveRef } from "./resolve";

/** `useArtifact(ref)`: records the version as an input of the run (idempotent). */
export async function useArtifact(ctx: ServiceContext, ns: Namespace, input: UseInput): Promise<VersionDto> {
  // No lock: the edge insert is idempotent (`on conflict do nothing`), and a version deleted meanwhile keeps its row.
  const versionId = await transaction(ctx, async () => {
    const project = await getProject(ctx, ns);
    const run = await getRunRow(ctx, project.id, input.runId, ns);
    const { version } = await resolveRef(ctx, ns, input.ref);
    requireCommitted(version, input.ref);
    await recordEdges(ctx, [run.id], version.id, "used");
    return version.id;
  });
  return await loadVersionDto(ctx, versionId);
}
