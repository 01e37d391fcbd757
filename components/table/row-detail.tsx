"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { CellValue, cellText, CopyButton, type FileContext } from "./cells";

interface Column {
  name: string;
  type: string;
}

const NEXT_KEYS = new Set(["ArrowDown", "j"]);
const PREVIOUS_KEYS = new Set(["ArrowUp", "k"]);

/** Keys typed into a field are the field's: the drawer's shortcuts only act elsewhere. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The open row (`row` in the URL): every column with its full value, and the part it came from.
 * Previous/next (buttons, ↑/↓ or k/j) follow the grid's order, sorted and filtered as shown.
 */
export function RowDetail({
  tableRef,
  files,
  columns,
  parts,
  index,
  idColumn,
  onClose,
  onStep,
  canStep,
}: {
  tableRef: FileContext & { path: string };
  files: FileContext;
  columns: Column[];
  parts: { path: string; rowStart: number; rows: number }[];
  index: number;
  /** The table's own id column, shown beside the row number. */
  idColumn: string | null;
  onClose: () => void;
  onStep: (delta: 1 | -1) => void;
  canStep: (delta: 1 | -1) => boolean;
}) {
  const trpc = useTRPC();
  const row = useQuery(trpc.tables.row.queryOptions({ ...tableRef, index }, { placeholderData: keepPreviousData }));
  const part = parts.find((p) => index >= p.rowStart && index < p.rowStart + p.rows);
  const idAt = idColumn ? columns.findIndex((c) => c.name === idColumn) : -1;
  const id = idAt >= 0 && row.data?.index === index ? row.data.cells[idAt] : undefined;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") return onClose();
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const delta = NEXT_KEYS.has(e.key) ? 1 : PREVIOUS_KEYS.has(e.key) ? -1 : 0;
      if (delta === 0) return;
      e.preventDefault();
      onStep(delta);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose, onStep]);
  return (
    <aside role="dialog" aria-label={`Row ${index + 1}`} className="fixed inset-y-0 right-0 z-30 flex w-full max-w-xl flex-col border-l border-border bg-panel shadow-xl">
      <header className="flex items-center justify-between gap-2 border-b border-border px-4 py-3">
        <div className="min-w-0">
          <h2 className="font-semibold">
            Row {(index + 1).toLocaleString("en-US")}
            {id !== undefined ? <span className="ml-2 text-sm font-normal text-muted">{`${idColumn} ${cellText(id)}`}</span> : null}
          </h2>
          {part && parts.length > 1 ? (
            <p className="text-xs text-muted">
              {part.path}, row {(index - part.rowStart + 1).toLocaleString("en-US")}
            </p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <Button variant="ghost" size="sm" onClick={() => onStep(-1)} disabled={!canStep(-1)} aria-keyshortcuts="ArrowUp k" title="Previous row (↑ or k)">
            <span aria-hidden>↑</span> Previous
          </Button>
          <Button variant="ghost" size="sm" onClick={() => onStep(1)} disabled={!canStep(1)} aria-keyshortcuts="ArrowDown j" title="Next row (↓ or j)">
            <span aria-hidden>↓</span> Next
          </Button>
          <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close row" title="Close (Esc)">
            Close
          </Button>
        </div>
      </header>
      <div className={`flex-1 overflow-auto px-4 py-3 ${row.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={row.isPlaceholderData}>
        {row.isPending ? <Skeleton rows={6} label="Loading the row" /> : null}
        {row.error ? <ErrorState error={row.error} retry={() => void row.refetch()} /> : null}
        {row.data ? (
          <dl className="space-y-3">
            {columns.map((c, i) => (
              <div key={c.name} className="border-b border-border pb-2">
                <dt className="flex items-center justify-between text-xs text-muted">
                  <span>
                    <span className="font-medium text-text">{c.name}</span> · {c.type}
                  </span>
                  <CopyButton text={cellText(row.data.cells[i])} label={`Copy ${c.name}`} />
                </dt>
                <dd className="mt-1 break-words">
                  <CellValue value={row.data.cells[i]} files={files} expanded />
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </aside>
  );
}
