"use client";

import { flexRender, type Header, type Table } from "@tanstack/react-table";
import type { KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { ColumnSummaryView, type ColumnSummary } from "./column-summary";
import { ROW_COLUMN, type GridRow } from "./grid-columns";
import type { UrlFilter } from "./search-params";

export interface SummaryState {
  show: boolean;
  byName: Map<string, ColumnSummary> | null;
  rows: number;
  failed: boolean;
}

/** The sticky header: sort buttons, types, resize handles (mouse and arrow keys), and each column's summary. */
export function GridHeader({
  table,
  types,
  summary,
  idColumn,
  onFilter,
}: {
  table: Table<GridRow>;
  types: Map<string, string>;
  summary: SummaryState;
  idColumn: string | null;
  onFilter: (f: UrlFilter) => void;
}) {
  return (
    <div role="rowgroup" className="sticky top-0 z-10 border-b border-border bg-panel">
      {table.getHeaderGroups().map((group) => (
        <div role="row" key={group.id} className="flex">
          {group.headers.map((header) => (
            <HeaderCell key={header.id} header={header} type={types.get(header.column.id)} summary={summary} idColumn={idColumn} onFilter={onFilter} />
          ))}
        </div>
      ))}
    </div>
  );
}

function HeaderCell({
  header,
  type,
  summary,
  idColumn,
  onFilter,
}: {
  header: Header<GridRow, unknown>;
  type: string | undefined;
  summary: SummaryState;
  idColumn: string | null;
  onFilter: (f: UrlFilter) => void;
}) {
  const { column } = header;
  const sorted = column.getIsSorted();
  const isRowColumn = column.id === ROW_COLUMN;
  const columnSummary = summary.byName?.get(column.id);
  return (
    <div
      role="columnheader"
      aria-sort={isRowColumn ? undefined : sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
      style={{ width: header.getSize() }}
      className="relative flex shrink-0 flex-col border-r border-border px-2 py-1.5 text-xs font-medium"
    >
      <div className="flex min-w-0 items-center gap-1.5">
        {isRowColumn ? (
          <span className="text-muted" title={idColumn ? `Rows are identified by ${idColumn}; open one here` : "Row number in the table, from 1"}>
            {flexRender(column.columnDef.header, header.getContext())}
          </span>
        ) : (
          <button type="button" onClick={column.getToggleSortingHandler()} title={`Sort by ${column.id}`} className="flex min-w-0 items-center gap-1 hover:text-accent">
            <span className="truncate">{flexRender(column.columnDef.header, header.getContext())}</span>
            <span aria-hidden className="text-accent">
              {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
            </span>
          </button>
        )}
        {type ? <Badge>{type}</Badge> : null}
      </div>
      {summary.show ? (
        <div className="mt-1.5 h-[76px]">
          {isRowColumn ? null : columnSummary ? (
            <ColumnSummaryView summary={columnSummary} rows={summary.rows} onFilter={onFilter} />
          ) : summary.failed ? (
            <p className="text-[11px] font-normal text-muted">no summary</p>
          ) : (
            <div aria-hidden className="h-9 animate-pulse rounded bg-border/60" />
          )}
        </div>
      ) : null}
      {column.getCanResize() ? <ResizeHandle header={header} /> : null}
    </div>
  );
}

const STEP = 20;

function ResizeHandle({ header }: { header: Header<GridRow, unknown> }) {
  const { column } = header;
  const size = header.getSize();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = Math.max(column.columnDef.minSize ?? 60, size + (e.key === "ArrowRight" ? STEP : -STEP));
    header.getContext().table.setColumnSizing((s) => ({ ...s, [column.id]: next }));
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column.id}`}
      aria-valuenow={Math.round(size)}
      aria-valuemin={column.columnDef.minSize ?? 60}
      aria-valuemax={2000}
      tabIndex={0}
      onMouseDown={header.getResizeHandler()}
      onTouchStart={header.getResizeHandler()}
      onDoubleClick={() => column.resetSize()}
      onKeyDown={onKeyDown}
      title="Drag (or focus and press ← →) to resize; double-click to fit"
      className={`absolute top-0 right-0 h-full w-1.5 cursor-col-resize select-none hover:bg-accent focus-visible:bg-accent ${column.getIsResizing() ? "bg-accent" : ""}`}
    />
  );
}
