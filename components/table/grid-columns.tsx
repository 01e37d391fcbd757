"use client";

import type { ColumnDef, ColumnSizingState } from "@tanstack/react-table";
import { useMemo } from "react";
import { CellValue, cellText, CopyButton, type FileContext } from "./cells";
import { fillSizes, type GridColumn } from "./grid-logic";

export interface GridRow {
  index: number;
  cells: unknown[];
}

/** The leading column: opens a row's detail. A NUL in its id keeps it apart from any real column name. */
export const ROW_COLUMN = "\u0000row";

function baseSize(type: string): number {
  if (type === "json" || type === "mixed") return 260;
  if (type === "string") return 200;
  if (type === "image" || type === "media") return 160;
  return 130;
}

/**
 * Column definitions at widths that fill the grid (`width`, the scroll area's inner width), keeping
 * the widths the user dragged. With `idColumn` set the table numbers its own rows, so the leading
 * column is only an "open" button; otherwise it shows the 1-based row number (docs/tables.md).
 */
export function useGridColumns({
  columns,
  files,
  idColumn,
  width,
  sizing,
  openRow,
}: {
  columns: GridColumn[];
  files: FileContext;
  idColumn: string | null;
  width: number;
  sizing: ColumnSizingState;
  openRow: (index: number) => void;
}): ColumnDef<GridRow>[] {
  const { entity, project, name, version } = files;
  return useMemo(() => {
    const base: Record<string, number> = { [ROW_COLUMN]: idColumn ? 48 : 80 };
    for (const c of columns) base[c.name] = baseSize(c.type);
    const sizes = fillSizes(base, sizing, width, new Set([ROW_COLUMN]));
    const fileContext = { entity, project, name, version };
    return [
      {
        id: ROW_COLUMN,
        header: idColumn ? "Open" : "Row",
        size: sizes[ROW_COLUMN],
        enableSorting: false,
        enableResizing: false,
        cell: ({ row }) => {
          const n = (row.original.index + 1).toLocaleString("en-US");
          return (
            <button
              type="button"
              onClick={() => openRow(row.original.index)}
              aria-label={`Open row ${row.original.index + 1}`}
              title={idColumn ? `Open row ${n}` : undefined}
              className="rounded px-1 text-muted tabular-nums hover:text-accent hover:underline"
            >
              {idColumn ? <OpenIcon /> : n}
            </button>
          );
        },
      },
      ...columns.map<ColumnDef<GridRow>>((c, i) => ({
        id: c.name,
        accessorFn: (r) => r.cells[i],
        header: c.name,
        size: sizes[c.name],
        minSize: 60,
        cell: ({ getValue }) => (
          <span className="group flex min-w-0 flex-1 items-center justify-between gap-1">
            <span className="min-w-0 truncate">
              <CellValue value={getValue()} files={fileContext} />
            </span>
            <span className="opacity-0 group-hover:opacity-100 group-focus-within:opacity-100">
              <CopyButton text={cellText(getValue())} />
            </span>
          </span>
        ),
      })),
    ];
  }, [columns, entity, project, name, version, idColumn, width, sizing, openRow]);
}

function OpenIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <path d="M10 2.5v11" />
    </svg>
  );
}
