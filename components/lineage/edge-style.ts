import type { Edge, MarkerType } from "@xyflow/react";
import type { LineageEdge, LineageEdgeKind } from "@/components/router-types";

/**
 * Logged: grey; used: teal with an open arrow; patched-from: dotted amber. Only the rare patched
 * edges are dashed: a dash pattern along a long edge (a hub used by hundreds of runs spans
 * thousands of pixels) made panning a 1,000-node view drop to 3 frames/s in software rendering.
 * The path to the start node is drawn thick in accent.
 */
// MarkerType's values, written out: importing the enum would pull React Flow's runtime into the toolbar's script.
const ARROW = "arrow" as MarkerType.Arrow;
const ARROW_CLOSED = "arrowclosed" as MarkerType.ArrowClosed;

const KIND_STYLE: Record<LineageEdgeKind, { stroke: string; dash?: string; marker: MarkerType }> = {
  logged: { stroke: "var(--muted)", marker: ARROW_CLOSED },
  used: { stroke: "#0d9488", marker: ARROW },
  patched: { stroke: "#d97706", dash: "2 3", marker: ARROW_CLOSED },
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
  const { stroke, dash, marker } = KIND_STYLE[e.kind];
  const color = onPath ? "var(--accent)" : stroke;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    type: "default",
    focusable: false,
    zIndex: onPath ? 1 : 0,
    style: { stroke: color, strokeWidth: onPath ? 2.5 : 1.25, strokeDasharray: dash },
    markerEnd: { type: marker, color, width: 14, height: 14 },
    data: { kind: e.kind },
  };
}
