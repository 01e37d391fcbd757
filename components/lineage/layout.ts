import { graphlib, layout } from "@dagrejs/dagre";

/** Layout input and output: sizes in, top-left positions out (React Flow's convention). */
export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { source: string; target: string }[];
}
export type Positions = Record<string, { x: number; y: number }>;

const RANK_GAP = 70;
const NODE_GAP = 14;

/** Left-to-right layered layout by dagre: good crossings, ~0.6 s for 1,000 nodes (so it runs in a worker). */
export function layoutDagre(input: LayoutInput): Positions {
  const g = new graphlib.Graph();
  g.setGraph({ rankdir: "LR", ranksep: RANK_GAP, nodesep: NODE_GAP });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of input.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  layout(g);
  const out: Positions = {};
  for (const n of input.nodes) {
    const p = g.node(n.id);
    out[n.id] = { x: p.x - n.width / 2, y: p.y - n.height / 2 };
  }
  return out;
}

/**
 * The fallback when the worker is late or missing: longest-path layers (sources on the left),
 * stacked in arrival order and centred. Linear time, so it is always in time; cycles (a run that
 * used and re-logged the same version) are broken by placing what is left one layer further.
 */
export function layoutLayered(input: LayoutInput): Positions {
  const incoming = new Map<string, number>(input.nodes.map((n) => [n.id, 0]));
  const outgoing = new Map<string, string[]>();
  for (const e of input.edges) {
    if (!incoming.has(e.source) || !incoming.has(e.target)) continue;
    incoming.set(e.target, (incoming.get(e.target) ?? 0) + 1);
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
  }
  const rank = new Map<string, number>();
  const queue = input.nodes.filter((n) => incoming.get(n.id) === 0).map((n) => n.id);
  for (const id of queue) rank.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const next of outgoing.get(id) ?? []) {
      rank.set(next, Math.max(rank.get(next) ?? 0, (rank.get(id) ?? 0) + 1));
      const left = (incoming.get(next) ?? 1) - 1;
      incoming.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const deepest = Math.max(0, ...rank.values());
  const layers = new Map<number, LayoutInput["nodes"]>();
  for (const n of input.nodes) {
    const r = rank.get(n.id) ?? deepest + 1;
    layers.set(r, [...(layers.get(r) ?? []), n]);
  }
  const widest = Math.max(0, ...input.nodes.map((n) => n.width));
  const out: Positions = {};
  for (const [r, layer] of layers) {
    const total = layer.reduce((sum, n) => sum + n.height + NODE_GAP, -NODE_GAP);
    let y = -total / 2;
    for (const n of layer) {
      out[n.id] = { x: r * (widest + RANK_GAP), y };
      y += n.height + NODE_GAP;
    }
  }
  return out;
}
