"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { defaultFilterColumn, defaultFilterOp, type GridColumn } from "./grid-logic";
import { describeFilter, FILTER_LABELS, type UrlFilter } from "./search-params";

const input = "rounded-md border border-border bg-panel px-2 py-1 text-sm";

/**
 * Active filters as removable chips, and a small form to add one. The form starts on a string column
 * and picks the operator a column's type suggests (a range for numbers) when the column changes.
 */
export function FilterBar({ columns, filters, onChange }: { columns: GridColumn[]; filters: UrlFilter[]; onChange: (next: UrlFilter[]) => void }) {
  const [column, setColumn] = useState(() => defaultFilterColumn(columns));
  const [op, setOp] = useState<UrlFilter["op"]>(() => defaultFilterOp(columns.find((c) => c.name === column)?.type));
  const [value, setValue] = useState("");
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");

  function add(e: FormEvent) {
    e.preventDefault();
    const f: UrlFilter = { c: column, op };
    if (op === "eq" || op === "contains") f.v = value;
    if (op === "range") {
      if (min.trim() !== "") f.min = Number(min);
      if (max.trim() !== "") f.max = Number(max);
    }
    onChange([...filters, f]);
    setValue("");
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {filters.map((f, i) => (
        <span key={i} className="inline-flex items-center gap-1 rounded-full bg-accent-soft px-2 py-0.5 text-xs text-accent">
          {describeFilter(f)}
          <button type="button" aria-label={`Remove filter ${describeFilter(f)}`} onClick={() => onChange(filters.filter((_, k) => k !== i))} className="px-0.5 hover:text-text">
            ×
          </button>
        </span>
      ))}
      <form onSubmit={add} aria-label="Add filter" className="flex flex-wrap items-center gap-1.5">
        <select
          aria-label="Filter column"
          value={column}
          onChange={(e) => {
            setColumn(e.target.value);
            setOp(defaultFilterOp(columns.find((c) => c.name === e.target.value)?.type));
          }}
          className={input}
        >
          {columns.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
        <select aria-label="Filter operator" value={op} onChange={(e) => setOp(e.target.value as UrlFilter["op"])} className={input}>
          {Object.entries(FILTER_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        {op === "eq" || op === "contains" ? (
          <input aria-label="Filter value" value={value} onChange={(e) => setValue(e.target.value)} placeholder="value" className={`${input} w-36`} />
        ) : null}
        {op === "range" ? (
          <>
            <input aria-label="Minimum" type="number" step="any" value={min} onChange={(e) => setMin(e.target.value)} placeholder="min" className={`${input} w-24`} />
            <input aria-label="Maximum" type="number" step="any" value={max} onChange={(e) => setMax(e.target.value)} placeholder="max" className={`${input} w-24`} />
          </>
        ) : null}
        <Button type="submit" size="sm">
          Add filter
        </Button>
        {filters.length > 0 ? (
          <Button variant="ghost" size="sm" onClick={() => onChange([])}>
            Clear filters
          </Button>
        ) : null}
      </form>
    </div>
  );
}
