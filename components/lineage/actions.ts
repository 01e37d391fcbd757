"use client";

import { createContext, useContext } from "react";
import type { ClusterNode } from "@/components/router-types";
import type { Dir } from "./graph-model";

/**
 * What a node can ask of the graph. Passed through context, not node data, so memoized nodes
 * keep equal props and a new callback never re-renders a thousand of them.
 */
export interface LineageActions {
  /** Expands (fetching when needed) or collapses one side of a node. */
  toggle: (id: string, dir: Dir) => void;
  expandCluster: (cluster: ClusterNode) => void;
  /** The link to a node's own page. */
  href: (entity: string, project: string, page: { version: string; name: string } | { runId: string }) => string;
}

export const LineageActionsContext = createContext<LineageActions | null>(null);

export function useLineageActions(): LineageActions {
  const actions = useContext(LineageActionsContext);
  if (!actions) throw new Error("lineage nodes render inside LineageActionsContext");
  return actions;
}
