import { describe, expect, it } from "vitest";
import type { ClusterNode, LineageEdge, LineageGraph, RunNode, VersionNode } from "@/components/router-types";
import type { LineagePath } from "@/components/router-types";
import { collapseKey, fromGraph, mergeGraph, pathHighlight, searchNodes, shortestPath, visibleGraph, withPath } from "./graph-model";
import { describePath } from "./path-bar";
import { layoutDagre, layoutLayered } from "./layout";

const base = { entity: "e", project: "p", up: "more", down: "more" } as const;
const run = (id: string, extra: Partial<RunNode> = {}): RunNode => ({ ...base, kind: "run", id: `run:${id}`, runId: id, name: id, jobType: "train", group: null, state: "finished", ...extra });
const version = (id: number, label: string, extra: Partial<VersionNode> = {}): VersionNode => ({
  ...base,
  kind: "version",
  id: `version:${id}`,
  versionId: id,
  collection: label.split(":")[0] ?? label,
  type: "dataset",
  versionIndex: 0,
  label,
  aliases: [],
  state: "COMMITTED",
  ...extra,
});
const edge = (kind: LineageEdge["kind"], source: string, target: string): LineageEdge => ({ id: `${kind}:${source}->${target}`, source, target, kind });
const cluster = (count: number): ClusterNode => ({ kind: "cluster", id: "cluster:r:1|up|c2", owner: "run:t", direction: "up", members: "version", count, collection: "ck", label: `${count} more versions of ck`, key: "r:1|up|c2", cursor: 5 });

// raw:v0 → [t] → model:v0 → [e], plus a cluster of t's inputs
const graph: LineageGraph = {
  start: "version:2",
  truncated: false,
  nodes: [version(1, "raw:v0"), run("t", { up: "expanded" }), version(2, "model:v0", { type: "model", aliases: ["best"] }), run("e", { jobType: "evaluate" }), cluster(30)],
  edges: [edge("used", "version:1", "run:t"), edge("logged", "run:t", "version:2"), edge("used", "version:2", "run:e"), edge("used", "cluster:r:1|up|c2", "run:t")],
};

describe("graph model", () => {
  it("merges answers: direction states only grow, a paged cluster is replaced or dropped", () => {
    const state = fromGraph(graph);
    const page: LineageGraph = { start: "run:t", truncated: false, nodes: [run("t", { up: "expanded", down: "none" }), version(9, "ck:v0")], edges: [edge("used", "version:9", "run:t")] };
    const merged = mergeGraph(state, page, "cluster:r:1|up|c2");
    expect(merged.nodes.has("cluster:r:1|up|c2")).toBe(false);
    expect([...merged.edges.keys()].some((id) => id.includes("cluster"))).toBe(false);
    expect(merged.nodes.get("run:t")).toMatchObject({ up: "expanded", down: "more" });
    expect(merged.nodes.has("version:9")).toBe(true);
    expect(state.nodes.has("version:9")).toBe(false);
  });

  it("collapsing a side hides what only hangs off that side", () => {
    const state = fromGraph(graph);
    const upCut = visibleGraph(state, new Set([collapseKey("run:t", "up")]));
    expect(upCut.nodes.map((n) => n.id).sort()).toEqual(["run:e", "run:t", "version:2"]);
    const downCut = visibleGraph(state, new Set([collapseKey("version:2", "down")]));
    expect(downCut.nodes.some((n) => n.id === "run:e")).toBe(false);
    expect(visibleGraph(state, new Set()).nodes).toHaveLength(5);
  });

  it("finds the shortest path either way along the edges", () => {
    const path = shortestPath(graph.edges, "version:1", "run:e");
    expect([...path.nodes].sort()).toEqual(["run:e", "run:t", "version:1", "version:2"]);
    expect(path.edges.size).toBe(3);
    expect(shortestPath(graph.edges, "version:1", "nowhere").nodes.size).toBe(0);
  });

  it("adds a found path beyond the walked depth, keeps it visible and highlights exactly it", () => {
    // model:v0 (the start) → [e] → report:v0 → [pub] → site:v0, two hops past what was walked.
    const path: LineagePath = {
      from: "version:2",
      to: "version:4",
      direction: "down",
      hops: 4,
      nodes: [version(2, "model:v0", { up: "more" }), run("e"), version(3, "report:v0"), run("pub"), version(4, "site:v0", { down: "none" })],
      edges: [edge("used", "version:2", "run:e"), edge("logged", "run:e", "version:3"), edge("used", "version:3", "run:pub"), edge("logged", "run:pub", "version:4")],
    };
    const state = fromGraph(graph);
    const merged = withPath(state, path);
    expect(withPath(state, null)).toBe(state);
    expect(merged.nodes.get("run:t")).toMatchObject({ up: "expanded" });
    const shown = visibleGraph(merged, new Set()).nodes.map((n) => n.id);
    expect(shown).toEqual(expect.arrayContaining(["version:3", "run:pub", "version:4"]));
    // Collapsing the start's downstream side takes the path with it.
    expect(visibleGraph(merged, new Set([collapseKey("version:2", "down")])).nodes.some((n) => n.id === "version:4")).toBe(false);
    const lit = pathHighlight(path);
    expect([...lit.nodes]).toEqual(["version:2", "run:e", "version:3", "run:pub", "version:4"]);
    expect(lit.edges.has("used:version:1->run:t")).toBe(false);
    expect(describePath(path)).toBe("4 hops: site:v0 was made from model:v0");
    expect(describePath({ ...path, direction: "up", hops: 1 })).toBe("1 hop: model:v0 was made from site:v0");
  });

  it("searches labels, types, job types and aliases, never clusters", () => {
    expect(searchNodes(graph.nodes, "best").map((n) => n.id)).toEqual(["version:2"]);
    expect(searchNodes(graph.nodes, "evaluate").map((n) => n.id)).toEqual(["run:e"]);
    expect(searchNodes(graph.nodes, "more")).toEqual([]);
  });
});

describe("layouts", () => {
  const input = {
    nodes: graph.nodes.map((n) => ({ id: n.id, width: 200, height: 60 })),
    edges: [...graph.edges, edge("used", "run:e", "version:1")].map((e) => ({ source: e.source, target: e.target })),
  };
  it("place every node left to right along the data flow, cycles included", () => {
    for (const layout of [layoutLayered, layoutDagre]) {
      const pos = layout(input);
      expect(Object.keys(pos).sort()).toEqual(input.nodes.map((n) => n.id).sort());
      expect(pos["run:t"]!.x).toBeLessThan(pos["version:2"]!.x);
    }
  });
});
