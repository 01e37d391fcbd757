"use client";

import { useState } from "react";

/** A collapsible JSON viewer: objects and arrays open two levels deep, long lists show the first 200 items. */
export function JsonTree({ value, label }: { value: unknown; label?: string }) {
  return (
    <div role="tree" aria-label={label ?? "JSON"} className="font-mono text-[12.5px] leading-5">
      <Node name={null} value={value} depth={0} />
    </div>
  );
}

const MAX_CHILDREN = 200;

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 2);
  const isArray = Array.isArray(value);
  const isObject = value !== null && typeof value === "object";
  const keyLabel = name === null ? null : <span className="text-accent">{name}</span>;
  if (!isObject) {
    return (
      <div role="treeitem" aria-selected={false} className="pl-4">
        {keyLabel}
        {keyLabel ? <span className="text-muted">: </span> : null}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = isArray ? (value as unknown[]).map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div role="treeitem" aria-expanded={open} aria-selected={false}>
      <button type="button" onClick={() => setOpen(!open)} className="rounded text-left hover:bg-bg" aria-label={`${open ? "Collapse" : "Expand"} ${name ?? "root"}`}>
        <span className="inline-block w-4 text-muted">{open ? "▾" : "▸"}</span>
        {keyLabel}
        {keyLabel ? <span className="text-muted">: </span> : null}
        <span className="text-muted">{summary}</span>
      </button>
      {open ? (
        <div role="group" className="ml-2 border-l border-border pl-2">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > MAX_CHILDREN ? <div className="pl-4 text-muted">… {entries.length - MAX_CHILDREN} more</div> : null}
        </div>
      ) : null}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-muted">null</span>;
  if (typeof value === "string") return <span className="break-all text-emerald-700 dark:text-emerald-400">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-amber-700 dark:text-amber-300">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-sky-700 dark:text-sky-300">{String(value)}</span>;
  return <span>{JSON.stringify(value) ?? "undefined"}</span>;
}
