"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { LineageNode } from "@/components/router-types";
import { DEPTHS, FAN_OUTS } from "./lineage-query";
import { EDGE_LEGEND, edgeDash, edgeStroke } from "./edge-style";
import { nodeLabel, searchNodes } from "./graph-model";


interface ToolbarProps {
  nodes: LineageNode[];
  depth: number;
  fanOut: number;
  onDepth: (depth: number) => void;
  onFanOut: (fanOut: number) => void;
  onFind: (id: string) => void;
  onFit: () => void;
}

/** Search (centres on the match), depth and per-node cap (both in the URL), fit, and the edge legend. */
export function LineageToolbar({ nodes, depth, fanOut, onDepth, onFanOut, onFind, onFit }: ToolbarProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = searchNodes(nodes, query);
  const pick = (n: LineageNode | undefined) => {
    if (!n) return;
    onFind(n.id);
    setQuery("");
  };
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-border bg-panel px-3 py-2 text-xs">
      <div className="relative">
        <input
          type="search"
          role="combobox"
          aria-label="Find a node in the graph"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
          placeholder="Find a run or version…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown") setActive((a) => Math.min(a + 1, matches.length - 1));
            else if (event.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
            else if (event.key === "Enter") pick(matches[active]);
            else if (event.key === "Escape") setQuery("");
            else return;
            event.preventDefault();
          }}
          className="w-60 rounded-md border border-border bg-bg px-2 py-1 text-sm placeholder:text-muted"
        />
        {query && (
          <ul id={listId} role="listbox" aria-label="Matching nodes" className="absolute left-0 top-full z-20 mt-1 w-80 overflow-hidden rounded-md border border-border bg-panel shadow-lg">
            {matches.length === 0 ? (
              <li className="px-3 py-2 text-muted">No node in this graph matches; expand it or raise the depth.</li>
            ) : (
              matches.map((n, i) => (
                <li
                  key={n.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(n);
                  }}
                  className={`flex cursor-pointer items-center justify-between gap-2 px-3 py-1.5 ${i === active ? "bg-accent-soft" : ""}`}
                >
                  <span className="truncate font-mono">{nodeLabel(n)}</span>
                  <span className="text-muted">{n.kind === "run" ? (n.jobType ?? "run") : n.kind === "version" ? n.type : ""}</span>
                </li>
              ))
            )}
          </ul>
        )}
      </div>
      <label className="flex items-center gap-1.5 text-muted">
        Depth
        <select value={depth} onChange={(e) => onDepth(Number(e.target.value))} className="rounded-md border border-border bg-bg px-1.5 py-1 text-text">
          {DEPTHS.map((d) => (
            <option key={d} value={d}>
              {d} hop{d === 1 ? "" : "s"}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-muted" title="Neighbours shown per node and side before the rest are grouped">
        Per node
        <select value={fanOut} onChange={(e) => onFanOut(Number(e.target.value))} className="rounded-md border border-border bg-bg px-1.5 py-1 text-text">
          {FAN_OUTS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <Button size="sm" onClick={onFit}>
        Fit view
      </Button>
      <ul aria-label="Edge legend" className="ml-auto flex items-center gap-3 text-muted">
        {EDGE_LEGEND.map(({ kind, label }) => (
          <li key={kind} className="flex items-center gap-1">
            <svg width="22" height="6" aria-hidden>
              <line x1="0" y1="3" x2="22" y2="3" stroke={edgeStroke(kind)} strokeWidth="1.5" strokeDasharray={edgeDash(kind)} />
            </svg>
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
