import { createLoader, type SearchParams } from "nuqs/server";
import { lineageParams, neighbourhoodInput, pathInput } from "@/components/lineage/lineage-query";
import { trpcServer } from "./prefetch";

const loadLineageParams = createLoader(lineageParams);

/** What a LineagePanel around `node` asks first (its graph, the artifact names for its search, a path in the URL), for <Prefetched>. */
export function lineagePanelQueries(p: { entity: string; project: string }, node: string, searchParams: SearchParams) {
  const params = loadLineageParams(searchParams);
  const path = pathInput(p, node, params.to);
  return [
    trpcServer.lineage.neighbourhood.queryOptions(neighbourhoodInput(p, node, params)),
    trpcServer.projects.collections.queryOptions(p),
    ...(path ? [trpcServer.lineage.path.queryOptions(path)] : []),
  ];
}
