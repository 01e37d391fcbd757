"use client";

import { useQuery } from "@tanstack/react-query";
import { getCoreRowModel, useReactTable, type ColumnSizingState, type SortingState } from "@tanstack/react-table";
import { useEffect, useMemo, useRef, useState } from "react";
import { formatBytes, plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { FilterBar } from "./filter-bar";
import { GridBody } from "./grid-body";
import { useGridColumns } from "./grid-columns";
import { GridHeader, type SummaryState } from "./grid-header";
import { idColumn as findIdColumn } from "./grid-logic";
import { Pager } from "./pager";
import { RowDetail } from "./row-detail";
import { useElementWidth } from "./use-element-width";
import { useTableView, type ReadyStatus, type TableRef } from "./use-table-view";

/** An indexed table: summary line and pager, filters, the grid with its column summaries, and the open row. */
export function ReadyGrid({ status, ...ref }: TableRef & { status: ReadyStatus }) {
  const trpc = useTRPC();
  const view = useTableView(ref, status);
  const { q, page, size, total, pageQuery } = view;
  const files = { entity: ref.entity, project: ref.project, name: ref.name, version: ref.version };
  const types = useMemo(() => new Map(status.columns.map((c) => [c.name, c.type])), [status.columns]);
  const idColumn = useMemo(() => findIdColumn(status.columns), [status.columns]);

  // Summaries cover the whole table and only change with its contents: fetched once per table.
  const summaryQuery = useQuery(trpc.tables.summary.queryOptions(ref, { enabled: q.summary, staleTime: Infinity, retry: false }));
  const summary: SummaryState = {
    show: q.summary,
    byName: summaryQuery.data ? new Map(summaryQuery.data.columns.map((c) => [c.name, c])) : null,
    rows: status.rows,
    failed: summaryQuery.isError,
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const columns = useGridColumns({ columns: status.columns, files, idColumn, width, sizing: columnSizing, openRow: view.openRow });

  const sorting: SortingState = view.sort ? [{ id: view.names[view.sort.column]!, desc: view.sort.desc }] : [];
  const table = useReactTable({
    data: pageQuery.data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize: size }, columnSizing },
    onSortingChange: (updater) => view.setSort((typeof updater === "function" ? updater(sorting) : updater)[0]),
    onColumnSizingChange: setColumnSizing,
    columnResizeMode: "onChange",
    enableColumnResizing: true,
    enableSortingRemoval: true,
    sortDescFirst: false,
  });
  const rows = table.getRowModel().rows;

  // A new order or filter starts at its first row: the old scroll offset points into unrelated rows.
  // (Not on the first render: a linked open row has just been scrolled into view.)
  const orderKey = JSON.stringify([view.sort, view.filters]);
  const shownOrder = useRef(orderKey);
  useEffect(() => {
    if (shownOrder.current === orderKey) return;
    shownOrder.current = orderKey;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [orderKey]);

  const goToPage = (p: number) => {
    scrollRef.current?.scrollTo({ top: 0 });
    view.goToPage(p);
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-xs text-muted">
          {plural(status.rows, "row")} · {plural(status.columns.length, "column")}
          {status.kind === "partitioned" ? ` · ${plural(status.parts.length, "part")}` : ""}
          {status.joins ? ` · join of ${status.joins[0]} and ${status.joins[1]} on ${status.columns[0]?.name ?? "?"}` : ""} · {formatBytes(status.bytes)}
          {view.filters.length > 0 && pageQuery.data ? ` · ${plural(total, "matching row")}` : ""}
        </p>
        <Pager page={page} pageCount={view.pageCount} size={size} total={total} onPage={goToPage} onSize={view.setSize} onJump={view.jumpTo} />
      </div>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <FilterBar columns={status.columns} filters={q.f} onChange={view.setFilters} />
        <Button variant="ghost" size="sm" aria-pressed={q.summary} onClick={() => view.setSummary(!q.summary)}>
          Column summaries
        </Button>
      </div>
      {pageQuery.error ? <ErrorState error={pageQuery.error} retry={() => void pageQuery.refetch()} /> : null}
      <div
        ref={scrollRef}
        className={`relative max-h-[75vh] overflow-auto rounded-lg border border-border bg-panel ${pageQuery.isFetching ? "opacity-80" : ""}`}
        aria-busy={pageQuery.isFetching}
      >
        <div role="table" aria-label={`Table ${ref.path}`} aria-rowcount={total + 1} style={{ width: table.getTotalSize() }} className="text-[13px]">
          <GridHeader table={table} types={types} summary={summary} idColumn={idColumn} onFilter={view.addFilter} />
          <GridBody rows={rows} scrollRef={scrollRef} firstPosition={(page - 1) * size + 1} jumped={view.jumped} openRow={q.row} onOpen={view.openRow} />
        </div>
        {pageQuery.data && rows.length === 0 ? (
          <p className="px-4 py-6 text-center text-muted">{view.filters.length ? "No rows match these filters. Remove a filter to see more." : "This table has no rows."}</p>
        ) : null}
        {pageQuery.isPending ? <Skeleton rows={8} label="Loading rows" /> : null}
      </div>
      {q.row !== null ? (
        <RowDetail
          tableRef={ref}
          files={files}
          columns={status.columns}
          parts={status.parts}
          index={q.row}
          idColumn={idColumn}
          onClose={view.closeRow}
          onStep={view.step}
          canStep={view.canStep}
        />
      ) : null}
    </div>
  );
}
