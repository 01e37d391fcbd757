"use client";

import { flexRender, type Row } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, type RefObject } from "react";
import type { GridRow } from "./grid-columns";

const ROW_HEIGHT = 33;

/**
 * The page's rows, virtualized (a page holds up to 1,000). Scrolls to the row "go to row" jumped to,
 * and keeps the open row (the drawer's, moved with next/previous) in view.
 */
export function GridBody({
  rows,
  scrollRef,
  firstPosition,
  jumped,
  openRow,
  onOpen,
}: {
  rows: Row<GridRow>[];
  scrollRef: RefObject<HTMLDivElement | null>;
  /** 1-based position of the page's first row in the current order. */
  firstPosition: number;
  jumped: number | null;
  openRow: number | null;
  onOpen: (index: number) => void;
}) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    measureElement: (el) => el.getBoundingClientRect().height,
  });

  useEffect(() => {
    if (jumped === null) return;
    const at = rows.findIndex((_, i) => firstPosition + i === jumped);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: "center" });
  }, [jumped, rows, firstPosition, virtualizer]);

  useEffect(() => {
    if (openRow === null) return;
    const at = rows.findIndex((r) => r.original.index === openRow);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: "auto" });
  }, [openRow, rows, virtualizer]);

  return (
    <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index]!;
        const position = firstPosition + item.index;
        const highlighted = jumped === position || openRow === row.original.index;
        return (
          <div
            role="row"
            key={row.id}
            data-index={item.index}
            ref={virtualizer.measureElement}
            aria-rowindex={position + 1}
            aria-current={openRow === row.original.index ? true : undefined}
            onDoubleClick={() => onOpen(row.original.index)}
            className={`absolute left-0 flex w-full border-b border-border hover:bg-bg ${highlighted ? "bg-accent-soft" : ""}`}
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {row.getVisibleCells().map((cell) => (
              <div role="cell" key={cell.id} style={{ width: cell.column.getSize() }} className="flex min-h-8 shrink-0 items-center overflow-hidden border-r border-border px-2 py-1">
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
