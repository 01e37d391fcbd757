"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useNodesState, useReactFlow, type Edge, type NodeMouseHandler } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import type { LineageEdge, LineageNode } from "@/components/router-types";
import { useBrowserValue } from "@/components/use-browser-value";
import { toFlowEdge } from "./edge-style";
import { collapseKey, type Highlight } from "./graph-model";
import type { LayoutInput } from "./layout";
import { handlesOf, NODE_HEIGHT, NODE_WIDTH, nodeTypes, type LineageFlowNode } from "./node-types";
import { laidOutInRender, useLayout, type LayoutResult } from "./use-layout";

/**
 * The smallest zoom: node labels are 12 px, so below half size they stop being text. A fit of a
 * larger graph stops here too (React Flow clamps fitView to minZoom) and the minimap pans the rest.
 */
export const MIN_ZOOM = 0.5;

/** Above this many nodes the first view centres on the start node instead of fitting everything (tiny, and all rendered). */
const FIT_ALL_MAX = 250;

/** React Flow's own colours, mapped onto the theme tokens so light and dark follow the app. */
const THEME = {
  "--xy-background-color": "var(--bg)",
  "--xy-background-pattern-color": "var(--border)",
  "--xy-minimap-background-color": "var(--panel)",
  "--xy-minimap-mask-background-color": "color-mix(in srgb, var(--bg) 70%, transparent)",
  "--xy-controls-button-background-color": "var(--panel)",
  "--xy-controls-button-background-color-hover": "var(--bg)",
  "--xy-controls-button-color": "var(--text)",
  "--xy-controls-button-border-color": "var(--border)",
  "--xy-node-border-radius": "6px",
} as CSSProperties;

export interface CanvasProps {
  start: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  collapsed: ReadonlySet<string>;
  selected: string | null;
  /** Drawn thick in accent: the path to a chosen node, or to the selection. */
  highlight: Highlight;
  /** When set (a found path), a new layout fits these nodes rather than the whole graph. */
  fitTo: readonly string[] | null;
  onSelect: (id: string | null) => void;
  /** Bumped by the toolbar to centre on a node (search) or fit the whole graph. */
  focus: { id: string | null; seq: number };
  label: string;
}

/** A signature of the visible shape: layout re-runs when it changes, not when a node's details merge. */
function shapeOf(nodes: LineageNode[], edges: LineageEdge[]): string {
  return `${nodes.map((n) => n.id).join("\n")}\n--\n${edges.map((e) => e.id).join("\n")}`;
}

interface NodeLook {
  byId: ReadonlyMap<string, LineageNode>;
  start: string;
  path: Highlight;
  collapsed: ReadonlySet<string>;
  selected: string | null;
}

/**
 * React Flow's nodes for a layout, reusing each of `previous` whose position and look did not change. Each
 * carries its size and its two handles, so that React Flow draws nodes and edges before it measured anything
 * (on the server, and in the browser's first render).
 */
function placeNodes(previous: LineageFlowNode[], layout: LayoutResult, { byId, start, path, collapsed, selected }: NodeLook): LineageFlowNode[] {
  const old = new Map(previous.map((n) => [n.id, n]));
  const next: LineageFlowNode[] = [];
  for (const item of layout.input.nodes) {
    const node = byId.get(item.id);
    const position = layout.positions[item.id];
    if (!node || !position) continue;
    const data = { node, isStart: node.id === start, onPath: path.nodes.has(node.id), collapsedUp: collapsed.has(collapseKey(node.id, "up")), collapsedDown: collapsed.has(collapseKey(node.id, "down")) };
    const prior = old.get(node.id);
    const isSelected = node.id === selected;
    if (
      prior &&
      prior.data.node === node &&
      prior.position.x === position.x &&
      prior.position.y === position.y &&
      prior.selected === isSelected &&
      prior.data.isStart === data.isStart &&
      prior.data.onPath === data.onPath &&
      prior.data.collapsedUp === data.collapsedUp &&
      prior.data.collapsedDown === data.collapsedDown
    ) {
      next.push(prior);
      continue;
    }
    // A node drawn before keeps what React Flow measured: with its handles given, React Flow would not measure it again,
    // and a queued fitView waits until every node is measured.
    const measured = prior?.measured;
    next.push({ id: node.id, type: node.kind, position, data, selected: isSelected, width: item.width, height: item.height, handles: handlesOf(item), measured } as LineageFlowNode);
  }
  return next;
}

/** The edges between placed nodes, in React Flow's form. */
function placedEdges(layout: LayoutResult, edges: LineageEdge[], path: Highlight, toFlow: (e: LineageEdge, onPath: boolean) => Edge): Edge[] {
  const placed = new Set(layout.input.nodes.map((n) => n.id));
  return edges.filter((e) => placed.has(e.source) && placed.has(e.target)).map((e) => toFlow(e, path.edges.has(e.id)));
}

/**
 * The graph. Its React Flow store starts with the first placed nodes and edges: when the layout ran
 * during render (a small graph), the server's HTML already shows the graph, before any script runs.
 */
export function LineageCanvas(props: CanvasProps) {
  const { start, nodes, edges, collapsed, selected, highlight: path } = props;
  const shape = shapeOf(nodes, edges);
  // Keyed on the shape on purpose: merging details into known nodes must not re-run the layout.
  const layoutInput = useMemo<LayoutInput>(() => ({ nodes: nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT[n.kind] })), edges: edges.map((e) => ({ source: e.source, target: e.target })) }), [shape]);
  const layout = useLayout(layoutInput);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const [first] = useState(() =>
    layout ? { nodes: placeNodes([], layout, { byId, start, path, collapsed, selected }), edges: placedEdges(layout, edges, path, toFlowEdge) } : { nodes: [], edges: [] },
  );
  return (
    <ReactFlowProvider initialNodes={first.nodes} initialEdges={first.edges}>
      <FlowView {...props} layoutInput={layoutInput} layout={layout} byId={byId} firstNodes={first.nodes} />
    </ReactFlowProvider>
  );
}

interface FlowViewProps extends CanvasProps {
  layoutInput: LayoutInput;
  layout: LayoutResult | null;
  byId: ReadonlyMap<string, LineageNode>;
  firstNodes: LineageFlowNode[];
}

function FlowView({ start, edges, collapsed, selected, highlight: path, fitTo, onSelect, focus, label, layoutInput, layout, byId, firstNodes }: FlowViewProps) {
  const [flowNodes, setFlowNodes, onNodesChange] = useNodesState<LineageFlowNode>(firstNodes);
  // The server's HTML already shows the graph; clicks on it do something once this canvas has hydrated (`data-interactive`).
  const hydrated = useBrowserValue(() => true, false);

  // Rebuild nodes from the layout, reusing every node object whose position and look did not change.
  useEffect(() => {
    if (!layout) return;
    setFlowNodes((previous) => placeNodes(previous, layout, { byId, start, path, collapsed, selected }));
  }, [layout, byId, path, collapsed, selected, start, setFlowNodes]);

  const edgeCache = useRef(new Map<string, { onPath: boolean; edge: Edge }>());
  const flowEdges = useMemo(() => {
    if (!layout) return [];
    const cache = edgeCache.current;
    return placedEdges(layout, edges, path, (e, onPath) => {
      const hit = cache.get(e.id);
      if (hit && hit.onPath === onPath) return hit.edge;
      const edge = toFlowEdge(e, onPath);
      cache.set(e.id, { onPath, edge });
      return edge;
    });
  }, [edges, layout, path]);

  const flow = useReactFlow<LineageFlowNode>();
  const centreOn = useCallback(
    (id: string, zoom?: number) => {
      const position = layout?.positions[id];
      const node = byId.get(id);
      if (!position || !node) return false;
      void flow.setCenter(position.x + NODE_WIDTH / 2, position.y + NODE_HEIGHT[node.kind] / 2, { zoom: zoom ?? Math.max(flow.getZoom(), 0.9), duration: 250 });
      return true;
    },
    [layout, byId, flow],
  );

  // A new layout (first answer, an expansion, a depth change): show all of it, or the start when it is big.
  const fittedFor = useRef<{ input: LayoutInput; fitTo: readonly string[] | null } | null>(null);
  useEffect(() => {
    if (!layout || (fittedFor.current?.input === layout.input && fittedFor.current.fitTo === fitTo)) return;
    const placed = new Set(layout.input.nodes.map((n) => n.id));
    // Marked done in the frame: a re-render before it (the first one, right after hydration) cancels it, and the next run must try again.
    const frame = requestAnimationFrame(() => {
      fittedFor.current = { input: layout.input, fitTo };
      if (fitTo && fitTo.every((id) => placed.has(id))) void flow.fitView({ nodes: fitTo.map((id) => ({ id })), padding: 0.15, maxZoom: 1.1 });
      else if (layout.input.nodes.length <= FIT_ALL_MAX) void flow.fitView({ padding: 0.15, maxZoom: 1.1 });
      else centreOn(start, 0.9);
    });
    return () => cancelAnimationFrame(frame);
  }, [layout, flow, centreOn, start, fitTo]);

  useEffect(() => {
    if (focus.seq === 0) return;
    if (focus.id) centreOn(focus.id, 1.1);
    else void flow.fitView({ padding: 0.15, maxZoom: 1.1, duration: 250 });
  }, [focus, centreOn, flow]);

  // A click on a node's link or button is that control's: selecting too would rewrite the URL under a navigation.
  const onNodeClick: NodeMouseHandler<LineageFlowNode> = useCallback(
    (event, node) => {
      if (event.target instanceof Element && event.target.closest("a, button")) return;
      onSelect(node.id);
    },
    [onSelect],
  );

  return (
    <div className="h-full w-full" data-layout={layout?.engine ?? "pending"} data-node-count={flowNodes.length} data-interactive={hydrated || undefined} aria-busy={!layout}>
      <ReactFlow<LineageFlowNode>
        aria-label={label}
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onPaneClick={() => onSelect(null)}
        // A small graph is drawn whole: before React Flow measured its pane (on the server) only-visible would be none.
        onlyRenderVisibleElements={!laidOutInRender(layoutInput)}
        nodesConnectable={false}
        edgesFocusable={false}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        style={THEME}
      >
        <Background gap={18} size={1} />
        <MiniMap pannable zoomable nodeColor={(n) => (n.id === start ? "var(--accent)" : "var(--border)")} nodeStrokeWidth={0} ariaLabel="Lineage minimap" className="max-sm:hidden!" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
