"use client";

import { useGridParams, type SortKey } from "./grid-params";

/** `aria-sort` belongs on the column header cell, not on the button inside it (axe: aria-allowed-attr). */
export function useAriaSort(sortKey: SortKey | undefined): "ascending" | "descending" | undefined {
  const [params] = useGridParams();
  if (!sortKey || params.sort !== sortKey) return undefined;
  return params.dir === "asc" ? "ascending" : "descending";
}

/** A header's sort button: the first click sorts descending, the next flips the direction; back to page one. */
export function SortHeader({ label, sortKey }: { label: string; sortKey: SortKey }) {
  const [params, setParams] = useGridParams();
  const active = params.sort === sortKey;
  const next = active && params.dir === "desc" ? "asc" : "desc";
  return (
    <button
      type="button"
      onClick={() => void setParams({ sort: sortKey, dir: next, page: null })}
      aria-label={`Sort by ${label.toLowerCase()} ${next === "asc" ? "ascending" : "descending"}`}
      className={`inline-flex items-center gap-1 hover:text-text ${active ? "text-text" : ""}`}
    >
      {label}
      <span aria-hidden>{active ? (params.dir === "asc" ? "↑" : "↓") : "↕"}</span>
    </button>
  );
}
