import type { DirState, LineageEdge, LineageGraph, LineageNode, LineagePath } from "@/components/router-types";

/**
 * The graph the browser holds: every answer merged by node id, plus what the user collapsed.
 * Pure functions, so the rules (merge, collapse, path) are tested without a browser.
 */
export interface GraphState {
  start: string;
  nodes: Map<string, LineageNode>;
  edges: Map<string, LineageEdge>;
  truncated: boolean;
}

export type Dir = "up" | "down";
export const collapseKey = (id: string, dir: Dir) => `${id}|${dir}`;

const DIR_RANK: Record<DirState, number> = { none: 0, more: 1, expanded: 2 };
const maxDir = (a: DirState, b: DirState) => (DIR_RANK[a] >= DIR_RANK[b] ? a : b);

export function fromGraph(g: LineageGraph): GraphState {
  return mergeGraph({ start: g.start, nodes: new Map(), edges: new Map(), truncated: false }, g);
}

/**
 * Adds an answer to the state. `replacing` is the cluster that answer pages: it goes away, and
 * comes back with its new count when members remain.
 */
export function mergeGraph(state: GraphState, g: LineageGraph, replacing?: string): GraphState {
  const nodes = new Map(state.nodes);
  const edges = new Map(state.edges);
  if (replacing) {
    nodes.delete(replacing);
    for (const [id, e] of edges) if (e.source === replacing || e.target === replacing) edges.delete(id);
  }
  for (const n of g.nodes) {
    const old = nodes.get(n.id);
    if (old && old.kind !== "cluster" && n.kind !== "cluster" && old.kind === n.kind) {
      nodes.set(n.id, { ...n, up: maxDir(old.up, n.up), down: maxDir(old.down, n.down) });
    } else {
      nodes.set(n.id, n);
    }
  }
  for (const e of g.edges) edges.set(e.id, e);
  return { ...state, nodes, edges, truncated: state.truncated || g.truncated };
}

/**
 * What is shown: everything connected to the start node, where a collapsed `node|dir` cuts that
 * node's edges on that side. Nodes only reachable through a cut disappear with it.
 */
export function visibleGraph(state: GraphState, collapsed: ReadonlySet<string>): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const cut = (e: LineageEdge) => collapsed.has(collapseKey(e.source, "down")) || collapsed.has(collapseKey(e.target, "up"));
  const adjacency = new Map<string, string[]>();
  const link = (a: string, b: string) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const e of state.edges.values()) {
    if (cut(e)) continue;
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set([state.start]);
  const queue = [state.start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of adjacency.get(queue[i] as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return {
    nodes: [...state.nodes.values()].filter((n) => seen.has(n.id)),
    edges: [...state.edges.values()].filter((e) => !cut(e) && seen.has(e.source) && seen.has(e.target)),
  };
}

/** The shortest chain of edges between two nodes, ignoring direction (lineage reads both ways). */
export function shortestPath(edges: readonly LineageEdge[], from: string, to: string): Highlight {
  const empty = { nodes: new Set<string>(), edges: new Set<string>() };
  if (from === to) return { nodes: new Set([from]), edges: new Set() };
  const adjacency = new Map<string, { node: string; edge: string }[]>();
  const link = (a: string, b: string, edge: string) => adjacency.set(a, [...(adjacency.get(a) ?? []), { node: b, edge }]);
  for (const e of edges) {
    link(e.source, e.target, e.id);
    link(e.target, e.source, e.id);
  }
  const previous = new Map<string, { node: string; edge: string }>();
  const queue = [from];
  const seen = new Set([from]);
  for (let i = 0; i < queue.length && !seen.has(to); i++) {
    const current = queue[i] as string;
    for (const step of adjacency.get(current) ?? []) {
      if (seen.has(step.node)) continue;
      seen.add(step.node);
      previous.set(step.node, { node: current, edge: step.edge });
      queue.push(step.node);
    }
  }
  if (!seen.has(to)) return empty;
  const path = { nodes: new Set([to]), edges: new Set<string>() };
  for (let at = to; at !== from; ) {
    const step = previous.get(at);
    if (!step) return empty;
    path.edges.add(step.edge);
    path.nodes.add(step.node);
    at = step.node;
  }
  return path;
}

export interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
}

/**
 * The state with a found path's nodes and edges in it: the path reaches past the depth the
 * neighbourhood was walked to, and its edges keep it connected to the start, so it stays visible.
 * Pure and idempotent, so it can run on every render over whatever was expanded since.
 */
export function withPath(state: GraphState, path: LineagePath | null): GraphState {
  if (!path) return state;
  return mergeGraph(state, { start: state.start, nodes: path.nodes, edges: path.edges, truncated: false });
}

export function pathHighlight(path: LineagePath): Highlight {
  return { nodes: new Set(path.nodes.map((n) => n.id)), edges: new Set(path.edges.map((e) => e.id)) };
}

/** The text a node is found by and labelled with. */
export function nodeLabel(n: LineageNode): string {
  if (n.kind === "version") return n.label;
  if (n.kind === "run") return n.name === n.runId ? n.runId : `${n.name} (${n.runId})`;
  return n.label;
}

/** Nodes whose label, type, job type or alias contains every word of the query. */
export function searchNodes(nodes: readonly LineageNode[], query: string, limit = 8): LineageNode[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const haystack = (n: LineageNode) =>
    [nodeLabel(n), n.kind === "version" ? `${n.type} ${n.aliases.join(" ")}` : n.kind === "run" ? `${n.jobType ?? ""} ${n.group ?? ""}` : ""].join(" ").toLowerCase();
  return nodes.filter((n) => n.kind !== "cluster" && words.every((w) => haystack(n).includes(w))).slice(0, limit);
}
