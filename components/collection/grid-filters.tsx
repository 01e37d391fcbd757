"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ALIAS_FILTERS, hasActiveFilters, STATES, useGridParams } from "./grid-params";

const STATE_LABELS: Record<(typeof STATES)[number], string> = { COMMITTED: "Committed", PENDING: "Drafts", DELETED: "Deleted", all: "All states" };
const ALIAS_LABELS: Record<(typeof ALIAS_FILTERS)[number], string> = { any: "Any aliases", with: "Has an alias", without: "No alias" };

const field = "rounded-md border border-border bg-panel px-2 py-1 text-xs";

/** Filters change the query and go back to the first page. */
export function GridFilters() {
  const [params, setParams] = useGridParams();
  const [meta, setMeta] = useState(params.meta);
  const active = hasActiveFilters(params);
  return (
    <div role="search" aria-label="Filter versions" className="flex flex-wrap items-center gap-2">
      <select aria-label="State" value={params.state} onChange={(e) => void setParams({ state: e.target.value as (typeof STATES)[number], page: null })} className={field}>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {STATE_LABELS[s]}
          </option>
        ))}
      </select>
      <select aria-label="Aliases" value={params.alias} onChange={(e) => void setParams({ alias: e.target.value as (typeof ALIAS_FILTERS)[number], page: null })} className={field}>
        {ALIAS_FILTERS.map((a) => (
          <option key={a} value={a}>
            {ALIAS_LABELS[a]}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-xs text-muted">
        Created from
        <input type="date" value={params.from} onChange={(e) => void setParams({ from: e.target.value || null, page: null })} className={field} />
      </label>
      <label className="flex items-center gap-1 text-xs text-muted">
        to
        <input type="date" value={params.to} onChange={(e) => void setParams({ to: e.target.value || null, page: null })} className={field} />
      </label>
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          void setParams({ meta: meta.trim() || null, page: null });
        }}
      >
        <input value={meta} onChange={(e) => setMeta(e.target.value)} placeholder="metadata key=value" aria-label="Metadata filter (key=value)" className={`${field} w-44 font-mono`} />
        <Button size="sm" type="submit">
          Filter
        </Button>
      </form>
      {active ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setMeta("");
            void setParams({ state: null, alias: null, from: null, to: null, meta: null, page: null });
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
