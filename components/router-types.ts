import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

/** What each procedure returns, as the browser sees it (plain JSON). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

/**
 * Components take server types from this file only (issue 14): the lineage graph's shapes are the
 * service's own zod-derived types, re-exported here so no component imports from server/.
 */
export type {
  ClusterNode,
  DirState,
  LineageEdge,
  LineageEdgeKind,
  LineageGraph,
  LineageNode,
  LineagePath,
  RunNode,
  VersionNode,
} from "@/server/services/lineage/schemas";
