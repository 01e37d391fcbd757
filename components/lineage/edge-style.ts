import { MarkerType, type Edge } from "@xyflow/react";
import type { LineageEdge, LineageEdgeKind } from "@/server/services/lineage/schemas";

/** Logged: solid; used: dashed; patched-from: dotted amber. The path to the start node is drawn thick in accent. */
const KIND_STYLE: Record<LineageEdgeKind, { stroke: string; dash?: string }> = {
  logged: { stroke: "var(--muted)" },
  used: { stroke: "var(--muted)", dash: "6 4" },
  patched: { stroke: "#d97706", dash: "2 3" },
};

export const EDGE_LEGEND: { kind: LineageEdgeKind; label: string }[] = [
  { kind: "logged", label: "logged (run → version)" },
  { kind: "used", label: "used (version → run)" },
  { kind: "patched", label: "patched from" },
];

export function edgeDash(kind: LineageEdgeKind): string | undefined {
  return KIND_STYLE[kind].dash;
}
export function edgeStroke(kind: LineageEdgeKind): string {
  return KIND_STYLE[kind].stroke;
}

export function toFlowEdge(e: LineageEdge, onPath: boolean): Edge {
  const { stroke, dash } = KIND_STYLE[e.kind];
  const color = onPath ? "var(--accent)" : stroke;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    type: "default",
    focusable: false,
    zIndex: onPath ? 1 : 0,
    style: { stroke: color, strokeWidth: onPath ? 2.5 : 1.25, strokeDasharray: dash },
    markerEnd: { type: MarkerType.ArrowClosed, color, width: 14, height: 14 },
    data: { kind: e.kind },
  };
}
