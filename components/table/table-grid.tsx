"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type ColumnSizingState, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { formatBytes, plural } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { CellValue, cellText, CopyButton, type FileContext } from "./cells";
import { FilterBar } from "./filter-bar";
import { Pager } from "./pager";
import { RowDetail } from "./row-detail";
import { PAGE_SIZES, tableSearchParams, type UrlFilter } from "./search-params";
import type { RouterOutputs } from "@/components/router-types";

export interface TableGridProps {
  entity: string;
  project: string;
  name: string;
  version: string;
  /** Path of a `*.table.json` or `*.partitioned-table.json` entry. */
  path: string;
}

/** Opens a table: waits for its index (showing progress), then shows the grid. */
export function TableGrid(props: TableGridProps) {
  const trpc = useTRPC();
  const status = useQuery(
    trpc.tables.status.queryOptions(props, {
      refetchInterval: (query) => (query.state.data?.state === "building" ? 400 : false),
      retry: false,
    }),
  );
  if (status.isPending) return <Skeleton rows={8} label="Opening table" />;
  if (status.error) return <ErrorState error={status.error} />;
  const s = status.data;
  if (s.state === "failed") {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
        <p className="font-medium">This table cannot be shown</p>
        <p className="mt-1 text-sm">{s.message}</p>
        <p className="mt-2 text-xs opacity-80">Fix the file and log a new version; other tables and files of this version are not affected.</p>
      </div>
    );
  }
  if (s.state === "building") {
    const pct = s.progress.bytesTotal > 0 ? Math.round((100 * s.progress.bytesDone) / s.progress.bytesTotal) : 0;
    return (
      <div role="status" aria-label="Indexing table" className="rounded-lg border border-border bg-panel px-4 py-6">
        <p className="font-medium">Indexing {props.path} for the first time…</p>
        <p className="mt-1 text-muted">
          {s.progress.partsDone} of {plural(s.progress.partsTotal, "part")} · {plural(s.progress.rows, "row")} · {formatBytes(s.progress.bytesDone)} of {formatBytes(s.progress.bytesTotal)}.
          Later opens of any version with these parts are instant.
        </p>
        <div className="mt-3 h-1.5 overflow-hidden rounded bg-border">
          <div className="h-full bg-accent transition-all" style={{ width: `${pct}%` }} />
        </div>
      </div>
    );
  }
  return <ReadyGrid {...props} status={s} />;
}

type Ready = Extract<RouterOutputs["tables"]["status"], { state: "ready" }>;

interface GridRow {
  index: number;
  cells: unknown[];
}

const ROW_HEIGHT = 33;

function ReadyGrid({ status, ...ref }: TableGridProps & { status: Ready }) {
  const trpc = useTRPC();
  const [q, setQ] = useQueryStates(tableSearchParams);
  const names = useMemo(() => status.columns.map((c) => c.name), [status.columns]);
  const types = useMemo(() => new Map(status.columns.map((c) => [c.name, c.type])), [status.columns]);
  const files: FileContext = { entity: ref.entity, project: ref.project, name: ref.name, version: ref.version };
  const size = (PAGE_SIZES as readonly number[]).includes(q.size) ? q.size : 50;
  const sortColumn = q.sort ? names.indexOf(q.sort) : -1;
  const sort = sortColumn >= 0 ? { column: sortColumn, desc: q.order === "desc" } : null;
  const filters = q.f.flatMap((f) => toApiFilter(f, names));
  const [jumped, setJumped] = useState<number | null>(null);

  // The total of a filtered view comes with its first page; until then, page 1 is the safe guess.
  const page = Math.max(1, q.page);
  const pageQuery = useQuery(
    trpc.tables.page.queryOptions({ ...ref, offset: (page - 1) * size, limit: size, sort, filters }, { placeholderData: keepPreviousData }),
  );
  const total = pageQuery.data?.total ?? status.rows;
  const pageCount = Math.max(1, Math.ceil(total / size));

  const columns = useMemo<ColumnDef<GridRow>[]>(
    () => [
      {
        id: "#",
        header: "#",
        size: 90,
        enableSorting: false,
        cell: ({ row }) => (
          <button
            type="button"
            onClick={() => void setQ({ row: row.original.index })}
            aria-label={`Open row ${row.original.index + 1}`}
            className="text-muted tabular-nums hover:text-accent hover:underline"
          >
            {(row.original.index + 1).toLocaleString("en-US")}
          </button>
        ),
      },
      ...status.columns.map<ColumnDef<GridRow>>((c, i) => ({
        id: c.name,
        accessorFn: (r) => r.cells[i],
        header: c.name,
        size: c.type === "json" || c.type === "mixed" ? 260 : c.type === "string" ? 200 : 130,
        cell: ({ getValue }) => (
          <span className="group flex min-w-0 items-center justify-between gap-1">
            <span className="min-w-0 truncate">
              <CellValue value={getValue()} files={files} />
            </span>
            <span className="opacity-0 group-hover:opacity-100 group-focus-within:opacity-100">
              <CopyButton text={cellText(getValue())} />
            </span>
          </span>
        ),
      })),
    ],
    [status.columns, ref.entity, ref.project, ref.name, ref.version, setQ],
  );

  const sorting: SortingState = sort ? [{ id: names[sort.column]!, desc: sort.desc }] : [];
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const table = useReactTable({
    data: pageQuery.data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize: size }, columnSizing },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      // A new order starts at page 1: the old page number means nothing in it.
      void setQ({ sort: first ? first.id : null, order: first?.desc ? "desc" : null, page: null });
    },
    onColumnSizingChange: setColumnSizing,
    columnResizeMode: "onChange",
    enableColumnResizing: true,
    enableSortingRemoval: true,
    sortDescFirst: false,
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    measureElement: (el) => el.getBoundingClientRect().height,
  });

  useEffect(() => {
    if (jumped === null) return;
    const at = rows.findIndex((_, i) => (page - 1) * size + i + 1 === jumped);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: "center" });
  }, [jumped, rows, page, size, virtualizer]);

  const setPage = (p: number) => {
    setJumped(null);
    scrollRef.current?.scrollTo({ top: 0 });
    void setQ({ page: Math.min(Math.max(1, p), pageCount) === 1 ? null : Math.min(Math.max(1, p), pageCount) });
  };
  const closeRow = useCallback(() => void setQ({ row: null }), [setQ]);
  const width = table.getTotalSize();

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-xs text-muted">
          {plural(status.rows, "row")} · {plural(status.columns.length, "column")}
          {status.kind === "partitioned" ? ` · ${plural(status.parts.length, "part")}` : ""}
          {status.joins ? ` · join of ${status.joins[0]} and ${status.joins[1]} on ${status.columns[0]?.name ?? "?"}` : ""} · {formatBytes(status.bytes)}
          {filters.length > 0 && pageQuery.data ? ` · ${plural(total, "matching row")}` : ""}
        </p>
        <Pager
          page={page}
          pageCount={pageCount}
          size={size}
          total={total}
          onPage={setPage}
          onSize={(s) => void setQ({ size: s === 50 ? null : s, page: null })}
          onJump={(position) => {
            setJumped(position);
            const p = Math.floor((position - 1) / size) + 1;
            void setQ({ page: p === 1 ? null : p });
          }}
        />
      </div>
      <FilterBar
        columns={names}
        filters={q.f}
        onChange={(next: UrlFilter[]) => void setQ({ f: next.length ? next : null, page: null })}
      />
      {pageQuery.error ? <ErrorState error={pageQuery.error} retry={() => void pageQuery.refetch()} /> : null}
      <div
        ref={scrollRef}
        className={`relative max-h-[70vh] overflow-auto rounded-lg border border-border bg-panel ${pageQuery.isFetching ? "opacity-80" : ""}`}
        aria-busy={pageQuery.isFetching}
      >
        <div role="table" aria-label={`Table ${ref.path}`} aria-rowcount={total + 1} style={{ width }} className="text-[13px]">
          <div role="rowgroup" className="sticky top-0 z-10 border-b border-border bg-panel">
            {table.getHeaderGroups().map((group) => (
              <div role="row" key={group.id} className="flex">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const type = types.get(header.column.id);
                  return (
                    <div
                      role="columnheader"
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      style={{ width: header.getSize() }}
                      className="relative flex shrink-0 items-center gap-1.5 border-r border-border px-2 py-1.5 text-xs font-medium"
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          title={`Sort by ${String(header.column.id)}`}
                          className="flex min-w-0 items-center gap-1 hover:text-accent"
                        >
                          <span className="truncate">{flexRender(header.column.columnDef.header, header.getContext())}</span>
                          <span aria-hidden className="text-accent">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                          </span>
                        </button>
                      ) : (
                        <span className="text-muted">#</span>
                      )}
                      {type ? <Badge>{type}</Badge> : null}
                      <div
                        onMouseDown={header.getResizeHandler()}
                        onTouchStart={header.getResizeHandler()}
                        onDoubleClick={() => header.column.resetSize()}
                        aria-hidden
                        className={`absolute top-0 right-0 h-full w-1.5 cursor-col-resize select-none hover:bg-accent ${header.column.getIsResizing() ? "bg-accent" : ""}`}
                      />
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const position = (page - 1) * size + item.index + 1;
              return (
                <div
                  role="row"
                  key={row.id}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  aria-rowindex={position + 1}
                  onDoubleClick={() => void setQ({ row: row.original.index })}
                  className={`absolute left-0 flex w-full border-b border-border hover:bg-bg ${jumped === position ? "bg-accent-soft" : ""} ${q.row === row.original.index ? "bg-accent-soft" : ""}`}
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
        </div>
        {pageQuery.data && rows.length === 0 ? (
          <p className="px-4 py-6 text-center text-muted">{filters.length ? "No rows match these filters. Remove a filter to see more." : "This table has no rows."}</p>
        ) : null}
        {pageQuery.isPending ? <Skeleton rows={8} label="Loading rows" /> : null}
      </div>
      {q.row !== null ? (
        <RowDetail tableRef={ref} files={files} columns={status.columns} parts={status.parts} index={q.row} onClose={closeRow} />
      ) : null}
    </div>
  );
}

type ApiFilter =
  | { column: number; op: "eq" | "contains"; value: string }
  | { column: number; op: "range"; min?: number; max?: number }
  | { column: number; op: "null" | "notnull" };

/** URL filters name columns; the API numbers them. Filters on unknown columns are ignored. */
function toApiFilter(f: UrlFilter, names: string[]): ApiFilter[] {
  const column = names.indexOf(f.c);
  if (column < 0) return [];
  if (f.op === "eq" || f.op === "contains") return [{ column, op: f.op, value: f.v ?? "" }];
  if (f.op === "range") return [{ column, op: "range", min: f.min, max: f.max }];
  return [{ column, op: f.op }];
}
