"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/states";
import type { LineageNode, LineagePath } from "@/components/router-types";
import { nodeLabel } from "./graph-model";

interface PathBarProps {
  startLabel: string;
  /** The other end as the URL has it, or null. */
  to: string | null;
  path: LineagePath | undefined;
  loading: boolean;
  error: unknown;
  /** Suggestions for the other end: artifact references and node ids. */
  suggestions: { value: string; hint: string }[];
  onPath: (to: string | null) => void;
  onFind: (id: string) => void;
}

/** How a found path reads in words: which end was made from which. */
export function describePath(path: LineagePath): string {
  const first = path.nodes[0];
  const last = path.nodes.at(-1);
  if (!first || !last) return "";
  const hops = `${path.hops} hop${path.hops === 1 ? "" : "s"}`;
  const [made, from] = path.direction === "down" ? [last, first] : [first, last];
  return `${hops}: ${nodeLabel(made)} was made from ${nodeLabel(from)}`;
}

/**
 * "Path from <start> to …": the other end is typed as a reference (`name:alias`, `name:vN`) or a
 * node id, kept in the URL (`to=`), and the found path is listed as steps that centre the graph.
 */
export function PathBar({ startLabel, to, path, loading, error, suggestions, onPath, onFind }: PathBarProps) {
  const [text, setText] = useState(to ?? "");
  const [seen, setSeen] = useState(to);
  if (seen !== to) {
    setSeen(to);
    setText(to ?? "");
  }
  const listId = useId();
  return (
    <div className="space-y-1.5 border-b border-border px-3 py-2 text-xs">
      <form
        aria-label="Path between two nodes"
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onPath(text.trim() || null);
        }}
      >
        <label className="flex min-w-0 flex-wrap items-center gap-1.5 text-muted">
          <span>
            Path from <span className="font-mono text-text">{startLabel}</span> to
          </span>
          <input
            value={text}
            onChange={(event) => setText(event.target.value)}
            list={listId}
            placeholder="name:alias, name:vN or run:<id>"
            className="w-64 max-w-full rounded-md border border-border bg-bg px-2 py-1 font-mono text-sm text-text placeholder:text-muted"
          />
        </label>
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.hint}
            </option>
          ))}
        </datalist>
        <Button size="sm" type="submit" disabled={!text.trim()}>
          Show path
        </Button>
        {to ? (
          <Button size="sm" variant="ghost" onClick={() => onPath(null)}>
            Clear path
          </Button>
        ) : null}
      </form>
      {!to ? null : loading ? (
        <p role="status" className="text-muted">
          Finding the path…
        </p>
      ) : error ? (
        <InlineError error={error} />
      ) : path ? (
        <div aria-label="Found path" role="region" className="space-y-1">
          <p role="status">{describePath(path)}</p>
          <ol className="flex flex-wrap items-center gap-1">
            {path.nodes.map((n: LineageNode, i) => (
              <li key={n.id} className="flex items-center gap-1">
                {i > 0 ? <span aria-hidden className="text-muted">{path.direction === "down" ? "→" : "←"}</span> : null}
                <button type="button" onClick={() => onFind(n.id)} className="rounded border border-accent px-1.5 py-0.5 font-mono text-text hover:bg-accent-soft" title="Centre the graph here">
                  {nodeLabel(n)}
                </button>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
