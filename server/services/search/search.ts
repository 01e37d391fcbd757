import { listProjectIds, searchAliasNames, searchCollectionNames, searchRunNames, type AliasHit, type CollectionHit, type RunHit } from "@/db/queries/search";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";

export interface SearchResults {
  projects: Namespace[];
  artifacts: CollectionHit[];
  /** `best → checkpoints:v35`: the alias and the version it points at now. */
  aliases: (Omit<AliasHit, "versionIndex"> & { version: string })[];
  runs: RunHit[];
}

/**
 * The command palette's search over projects, artifacts, aliases and runs (issue 14, item 2), limited to
 * the projects `visible` admits: the access policy's `projectVisibility` for the caller, so a result never
 * names something the viewer could not open. `near` (the project being viewed) is searched first.
 */
export async function searchEverything(
  ctx: ServiceContext,
  { q, visible, near, limit = 6 }: { q: string; visible: (ns: Namespace) => boolean; near?: Namespace; limit?: number },
): Promise<SearchResults> {
  const query = q.trim();
  const readable = (await listProjectIds(ctx)).filter(visible);
  if (!query || readable.length === 0) return { projects: [], artifacts: [], aliases: [], runs: [] };
  const needle = query.toLowerCase();
  const isNear = (p: Namespace) => near !== undefined && p.entity === near.entity && p.project === near.project;
  // The project being viewed first, then the rest: a stable sort keeps each query's own ranking.
  const nearFirst = <T extends Namespace>(rows: T[]) => [...rows].sort((a, b) => Number(isNear(b)) - Number(isNear(a))).slice(0, limit);
  const args = { projectIds: readable.map((p) => p.id), q: query, limit: limit * 2 };
  const artifacts = await searchCollectionNames(ctx, args);
  const aliases = await searchAliasNames(ctx, args);
  const runs = await searchRunNames(ctx, args);
  return {
    projects: readable
      .filter((p) => `${p.entity}/${p.project}`.toLowerCase().includes(needle))
      .map(({ entity, project }) => ({ entity, project }))
      .slice(0, limit),
    artifacts: nearFirst(artifacts),
    aliases: nearFirst(aliases).map(({ versionIndex, ...hit }) => ({ ...hit, version: `v${versionIndex}` })),
    runs: nearFirst(runs),
  };
}
