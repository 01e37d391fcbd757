"use client";

import { Handle, Position, type Node, type NodeHandle, type NodeProps, type NodeTypes } from "@xyflow/react";
import Link from "next/link";
import { memo, type ReactNode } from "react";
import { AliasBadge, Badge, StateBadge } from "@/components/ui/badge";
import type { ClusterNode, DirState, RunNode, VersionNode } from "@/components/router-types";
import { useLineageActions } from "./actions";
import { nodeLabel, type Dir } from "./graph-model";

/** Sizes are fixed so layout, culling and the minimap know them before anything is measured. */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = { run: 64, version: 64, cluster: 48 } as const;

/** The handles' size in pixels (`h-1.5 w-1.5` below): React Flow centres each on its side. */
const HANDLE = 6;

/**
 * Where a node's two handles are, as React Flow would measure them: given up front, edges are drawn
 * before anything was measured (in the server's HTML too).
 */
export function handlesOf({ width, height }: { width: number; height: number }): NodeHandle[] {
  const y = height / 2 - HANDLE / 2;
  return [
    { type: "target", position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
    { type: "source", position: Position.Right, x: width - HANDLE / 2, y, width: HANDLE, height: HANDLE },
  ];
}

/** How a node is drawn right now; kept small so unchanged nodes keep equal data and skip rendering. */
type Decoration = {
  isStart: boolean;
  onPath: boolean;
  collapsedUp: boolean;
  collapsedDown: boolean;
};
export type RunFlowNode = Node<{ node: RunNode } & Decoration, "run">;
export type VersionFlowNode = Node<{ node: VersionNode } & Decoration, "version">;
export type ClusterFlowNode = Node<{ node: ClusterNode } & Decoration, "cluster">;
export type LineageFlowNode = RunFlowNode | VersionFlowNode | ClusterFlowNode;

/** `muted` (a deleted version) is drawn dashed on the page colour, not faded: opacity took its badges below 4.5:1. */
function Frame({ data, selected, children, dashed = false, muted = false }: { data: Decoration; selected: boolean; children: ReactNode; dashed?: boolean; muted?: boolean }) {
  const ring = data.isStart ? "ring-2 ring-accent" : "";
  const border = data.onPath || selected ? "border-accent" : "border-border";
  return (
    <div
      className={`relative flex h-full w-full flex-col justify-center gap-1 rounded-md border px-3 text-xs shadow-sm ${dashed ? "border-dashed" : ""} ${border} ${ring} ${
        selected ? "bg-accent-soft" : muted ? "bg-bg" : "bg-panel"
      } ${muted ? "border-dashed shadow-none" : ""}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!h-1.5 !w-1.5 !min-w-0 !border-0 !bg-border" />
      {children}
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-1.5 !w-1.5 !min-w-0 !border-0 !bg-border" />
    </div>
  );
}

/** The +/− on a node's side: expand that side (fetching it if needed), or collapse it. */
function SideToggle({ id, label, dir, state, collapsed }: { id: string; label: string; dir: Dir; state: DirState; collapsed: boolean }) {
  const { toggle } = useLineageActions();
  if (state === "none") return null;
  const open = state === "expanded" && !collapsed;
  const side = dir === "up" ? "upstream" : "downstream";
  return (
    <button
      type="button"
      aria-label={`${open ? "Collapse" : "Expand"} ${side} of ${label}`}
      title={`${open ? "Collapse" : "Expand"} ${side}`}
      onClick={(event) => {
        event.stopPropagation();
        toggle(id, dir);
      }}
      className={`nodrag nopan absolute top-1/2 z-10 grid size-5 -translate-y-1/2 place-items-center rounded-full border border-border bg-panel text-[11px] leading-none text-muted hover:border-accent hover:text-accent ${
        dir === "up" ? "-left-2.5" : "-right-2.5"
      }`}
    >
      {open ? "−" : "+"}
    </button>
  );
}

const RunNodeView = memo(function RunNodeView({ id, data, selected }: NodeProps<RunFlowNode>) {
  const { href } = useLineageActions();
  const run = data.node;
  const label = nodeLabel(run);
  return (
    <Frame data={data} selected={selected}>
      <SideToggle id={id} label={label} dir="up" state={run.up} collapsed={data.collapsedUp} />
      <div className="flex items-center gap-1.5 text-[11px] text-muted">
        <span aria-hidden className="font-semibold tracking-wide">RUN</span>
        {run.jobType ? <Badge>{run.jobType}</Badge> : null}
        <StateBadge state={run.state} />
        {run.group ? <span className="truncate" title={`group ${run.group}`}>· {run.group}</span> : null}
      </div>
      <Link prefetch={false} href={href(run.entity, run.project, { runId: run.runId })} className="nodrag truncate font-mono text-[12px] text-text hover:underline" title={label}>
        {label}
      </Link>
      <SideToggle id={id} label={label} dir="down" state={run.down} collapsed={data.collapsedDown} />
    </Frame>
  );
});

const VersionNodeView = memo(function VersionNodeView({ id, data, selected }: NodeProps<VersionFlowNode>) {
  const { href } = useLineageActions();
  const v = data.node;
  const deleted = v.state === "DELETED";
  const selector = v.versionIndex === null ? `draft-${v.versionId}` : `v${v.versionIndex}`;
  return (
    <Frame data={data} selected={selected} muted={deleted}>
      <SideToggle id={id} label={v.label} dir="up" state={v.up} collapsed={data.collapsedUp} />
      <div className="flex items-center gap-1.5 overflow-hidden text-[11px] text-muted">
        <span className="rounded bg-accent-soft px-1 text-accent">{v.type}</span>
        {v.state !== "COMMITTED" ? <StateBadge state={v.state} /> : null}
        {v.aliases.slice(0, 2).map((a) => (
          <AliasBadge key={a} alias={a} />
        ))}
        {v.aliases.length > 2 ? <span>+{v.aliases.length - 2}</span> : null}
      </div>
      <Link
        prefetch={false}
        href={href(v.entity, v.project, { name: v.collection, version: selector })}
        className={`nodrag truncate font-mono text-[12px] text-text hover:underline ${deleted ? "line-through" : ""}`}
        title={deleted ? `${v.label} (deleted)` : v.label}
      >
        {v.label}
      </Link>
      <SideToggle id={id} label={v.label} dir="down" state={v.down} collapsed={data.collapsedDown} />
    </Frame>
  );
});

const ClusterNodeView = memo(function ClusterNodeView({ data, selected }: NodeProps<ClusterFlowNode>) {
  const { expandCluster } = useLineageActions();
  const c = data.node;
  return (
    <Frame data={data} selected={selected} dashed>
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-muted" title={c.label}>
          {c.label}
        </span>
        <button
          type="button"
          onClick={(event) => {
            event.stopPropagation();
            expandCluster(c);
          }}
          aria-label={`Show ${c.label}`}
          className="nodrag nopan shrink-0 rounded border border-border px-1.5 py-0.5 text-[11px] text-accent hover:border-accent"
        >
          Show
        </button>
      </div>
    </Frame>
  );
});

/** Declared once at module scope: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = { run: RunNodeView, version: VersionNodeView, cluster: ClusterNodeView };
