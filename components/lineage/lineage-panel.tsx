"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import type { ClusterNode, LineageGraph, LineageNode } from "@/components/router-types";
import { LineageActionsContext, useLineageActions, type LineageActions } from "./actions";
import { collapseKey, fromGraph, mergeGraph, nodeLabel, pathHighlight, shortestPath, visibleGraph, withPath, type Dir, type GraphState, type Highlight } from "./graph-model";
import { PathBar } from "./path-bar";
import { lineageParams, lineageView, MAX_NODES, neighbourhoodInput, pathInput } from "./lineage-query";
import { LineageToolbar } from "./toolbar";

export interface LineagePanelProps {
  entity: string;
  project: string;
  /** `version:<id>` or `run:<runId>`. */
  node: string;
  /** Height of the graph area: pixels, or any CSS length (the explorer fills the window). */
  height?: number | string;
}

/**
 * The canvas (React Flow and dagre, ~200 KB of script) is its own chunk. The server renders it into the HTML (a small graph
 * already laid out), and the browser hydrates it once that chunk has come, after the rest of the page: the graph is seen at
 * once, and the page's own controls do not wait for the canvas's code.
 */
const LineageCanvas = lazy(() => import("./lineage-canvas").then((m) => ({ default: m.LineageCanvas })));

/** A cluster's "Show" reveals this many at a time: the fold keeps the view calm, unfolding should not be a chore. */
const EXPAND_PAGE = 50;
const NO_HIGHLIGHT: Highlight = { nodes: new Set(), edges: new Set() };

/** The run ↔ artifact graph around one node, with its toolbar; everything it shows can be linked to. */
export function LineagePanel({ entity, project, node, height = 560 }: LineagePanelProps) {
  const [params, setParams] = useQueryStates(lineageParams);
  const { depth, fanOut } = lineageView(params);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The same inputs the pages prefetch on the server (lineage-query.ts), so the first graph arrives with the HTML.
  const query = useQuery(trpc.lineage.neighbourhood.queryOptions(neighbourhoodInput({ entity, project }, node, params)));
  const pathAsked = pathInput({ entity, project }, node, params.to);
  const to = pathAsked?.to ?? null;
  const pathQuery = useQuery(trpc.lineage.path.queryOptions(pathAsked ?? { entity, project, from: node, to: "" }, { enabled: pathAsked !== null, retry: false }));
  const path = to !== null ? pathQuery.data : undefined;
  const collections = useQuery(trpc.projects.collections.queryOptions({ entity, project }));

  // The fetched answer plus whatever the user expanded since; reset when a new answer arrives.
  const [graph, setGraph] = useState<{ from: LineageGraph; state: GraphState } | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState(0);
  const [expandError, setExpandError] = useState<unknown>(null);
  const [focus, setFocus] = useState<{ id: string | null; seq: number }>({ id: null, seq: 0 });
  let current = graph;
  if (query.data && graph?.from !== query.data) {
    current = { from: query.data, state: fromGraph(query.data) };
    setGraph(current);
    setCollapsed(new Set());
  }
  const state = useMemo(() => (current ? withPath(current.state, path ?? null) : null), [current, path]);

  const fetchMore = useCallback(
    async (input: { start: string; upstream: number; downstream: number; fanOut?: number; expand?: { cluster: string; cursor: number } }, replacing?: string) => {
      setPending((p) => p + 1);
      setExpandError(null);
      try {
        const answer = await queryClient.fetchQuery(trpc.lineage.neighbourhood.queryOptions({ entity, project, fanOut, maxNodes: MAX_NODES, ...input }));
        setGraph((g) => (g ? { ...g, state: mergeGraph(g.state, answer, replacing) } : g));
      } catch (error) {
        setExpandError(error);
      } finally {
        setPending((p) => p - 1);
      }
    },
    [queryClient, trpc, entity, project, fanOut],
  );

  const actions = useMemo<LineageActions>(
    () => ({
      toggle: (id: string, dir: Dir) => {
        const n = state?.nodes.get(id);
        if (!n || n.kind === "cluster") return;
        const key = collapseKey(id, dir);
        if (collapsed.has(key)) setCollapsed((c) => new Set([...c].filter((k) => k !== key)));
        else if (n[dir] === "expanded") setCollapsed((c) => new Set([...c, key]));
        else if (n[dir] === "more") void fetchMore({ start: id, upstream: dir === "up" ? 1 : 0, downstream: dir === "down" ? 1 : 0 });
      },
      expandCluster: (c: ClusterNode) => void fetchMore({ start: c.owner, upstream: 0, downstream: 0, fanOut: Math.max(fanOut, EXPAND_PAGE), expand: { cluster: c.key, cursor: c.cursor } }, c.id),
      href: (e, p, page) => ("runId" in page ? routes.run({ entity: e, project: p }, page.runId) : routes.version({ entity: e, project: p }, page.name, page.version)),
    }),
    [state, collapsed, fetchMore, fanOut],
  );

  const visible = useMemo(() => (state ? visibleGraph(state, collapsed) : null), [state, collapsed]);
  const onSelect = useCallback((id: string | null) => void setParams({ sel: id }), [setParams]);
  const selectedId = params.sel && state?.nodes.has(params.sel) ? params.sel : null;
  const highlight = useMemo<Highlight>(
    () => (path ? pathHighlight(path) : selectedId && state && visible ? shortestPath(visible.edges, selectedId, state.start) : NO_HIGHLIGHT),
    [path, selectedId, state, visible],
  );
  const fitTo = useMemo(() => path?.nodes.map((n) => n.id) ?? null, [path]);
  const find = useCallback(
    (id: string) => {
      onSelect(id);
      setFocus((f) => ({ id, seq: f.seq + 1 }));
    },
    [onSelect],
  );
  const suggestions = useMemo(() => {
    const own = (n: LineageNode) => n.kind !== "cluster" && n.entity === entity && n.project === project;
    const fromGraph = (visible?.nodes ?? [])
      .filter((n) => n.kind !== "cluster" && n.id !== state?.start)
      .map((n) => (n.kind === "version" ? { value: own(n) ? n.label : n.id, hint: n.type } : { value: own(n) && n.kind === "run" ? `run:${n.runId}` : n.id, hint: "run" }));
    const latest = (collections.data ?? []).map((c) => ({ value: `${c.name}:latest`, hint: c.type }));
    return [...new Map([...latest, ...fromGraph].map((s) => [s.value, s])).values()].slice(0, 300);
  }, [visible, state, collections.data, entity, project]);
  const graphHeight = typeof height === "number" ? `${height}px` : height;

  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (!state || !visible) {
    return (
      <div className="rounded-lg border border-border bg-panel p-4" style={{ height: graphHeight }}>
        <Skeleton rows={4} label="Loading lineage" />
      </div>
    );
  }
  const startNode = state.nodes.get(state.start);
  const selected = selectedId;
  return (
    <LineageActionsContext.Provider value={actions}>
      <section aria-label="Lineage" className="overflow-hidden rounded-lg border border-border bg-panel">
        <LineageToolbar
          nodes={visible.nodes}
          depth={depth}
          fanOut={fanOut}
          onDepth={(d) => void setParams({ depth: d })}
          onFanOut={(f) => void setParams({ fanout: f })}
          onFind={find}
          onFit={() => setFocus((f) => ({ id: null, seq: f.seq + 1 }))}
        />
        <PathBar
          startLabel={startNode ? nodeLabel(startNode) : node}
          to={to}
          path={path}
          loading={to !== null && pathQuery.isPending}
          error={pathQuery.isError ? pathQuery.error : null}
          suggestions={suggestions}
          onPath={(next) => void setParams({ to: next })}
          onFind={find}
        />
        <Notices state={state} visibleCount={visible.nodes.length} pending={pending > 0} error={expandError} />
        <div style={{ height: graphHeight }} className="relative">
          <Suspense fallback={<Skeleton rows={4} label="Loading the graph" />}>
            <LineageCanvas
              start={state.start}
              nodes={visible.nodes}
              edges={visible.edges}
              collapsed={collapsed}
              selected={selected}
              highlight={highlight}
              fitTo={fitTo}
              onSelect={onSelect}
              focus={focus}
              label={`Lineage of ${startNode ? nodeLabel(startNode) : node}`}
            />
          </Suspense>
        </div>
        <SelectionBar
          node={selected ? (state.nodes.get(selected) ?? null) : null}
          visible={visible}
          start={state.start}
          depth={depth}
          collapsed={collapsed}
          onPath={to === selected ? null : (id) => void setParams({ to: id })}
        />
      </section>
    </LineageActionsContext.Provider>
  );
}

function Notices({ state, visibleCount, pending, error }: { state: GraphState; visibleCount: number; pending: boolean; error: unknown }) {
  const lonely = state.edges.size === 0;
  if (!lonely && !state.truncated && !pending && !error) return null;
  return (
    <div className="space-y-1 border-b border-border px-3 py-1.5 text-xs text-muted" aria-live="polite">
      {lonely ? <p>No lineage recorded yet: no run logged or used this, and it was not patched. Runs that log or use it will appear here.</p> : null}
      {state.truncated ? <p>Showing {visibleCount.toLocaleString("en-US")} nodes: the view stopped growing there. Lower the depth, or expand the nodes at the edge with + .</p> : null}
      {pending ? <p role="status">Loading more of the graph…</p> : null}
      <InlineError error={error} />
    </div>
  );
}

/** The selected node in words, with its links and expand/collapse for keyboard users. */
function SelectionBar({
  node,
  visible,
  start,
  depth,
  collapsed,
  onPath,
}: {
  node: LineageNode | null;
  visible: { edges: LineageGraph["edges"] };
  start: string;
  depth: number;
  collapsed: ReadonlySet<string>;
  /** Pins the path from the start to this node in the URL; null when it is the pinned end already. */
  onPath: ((id: string) => void) | null;
}) {
  if (!node || node.kind === "cluster") {
    return (
      <p className="border-t border-border px-3 py-2 text-xs text-muted">
        Select a node to highlight its path to the start. The + and − on a node&apos;s sides grow or fold the graph there; a name opens its page.
      </p>
    );
  }
  const hops = shortestPath(visible.edges, node.id, start).edges.size;
  const p = { entity: node.entity, project: node.project };
  const page = node.kind === "run" ? routes.run(p, node.runId) : routes.version(p, node.collection, node.versionIndex === null ? `draft-${node.versionId}` : `v${node.versionIndex}`);
  // The explorer URL is relative to the node's own project, where a run needs no namespace.
  const exploreId = node.kind === "run" ? `run:${node.runId}` : node.id;
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-border px-3 py-2 text-xs">
      <span className="font-mono text-sm">{nodeLabel(node)}</span>
      <span className="text-muted">
        {node.kind === "run" ? `run · ${node.jobType ?? "no job type"} · ${node.state}` : `${node.type} · ${node.state.toLowerCase()}`}
        {node.id === start ? " · start" : hops > 0 ? ` · ${hops} hop${hops === 1 ? "" : "s"} from the start` : ""}
      </span>
      <span className="ml-auto flex items-center gap-2">
        <SideButtons node={node} collapsed={collapsed} />
        {node.id !== start && onPath ? (
          <Button size="sm" variant="ghost" onClick={() => onPath(node.id)}>
            Path from the start to here
          </Button>
        ) : null}
        {node.id !== start ? (
          <Link prefetch={false} className="text-accent hover:underline" href={routes.lineage(p, exploreId, { depth })}>
            Explore from here
          </Link>
        ) : null}
        <Link prefetch={false} className="text-accent hover:underline" href={page}>
          Open {node.kind === "run" ? "run" : "version"}
        </Link>
      </span>
    </div>
  );
}

function SideButtons({ node, collapsed }: { node: Exclude<LineageNode, ClusterNode>; collapsed: ReadonlySet<string> }) {
  const { toggle } = useLineageActions();
  return (["up", "down"] as const).map((dir) => {
    if (node[dir] === "none") return null;
    const open = node[dir] === "expanded" && !collapsed.has(collapseKey(node.id, dir));
    return (
      <Button key={dir} size="sm" variant="ghost" onClick={() => toggle(node.id, dir)}>
        {open ? "Collapse" : "Expand"} {dir === "up" ? "upstream" : "downstream"}
      </Button>
    );
  });
}
