"use client";

import { flexRender, getCoreRowModel, useReactTable, type Header } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type KeyboardEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { GridFilters } from "./grid-filters";
import { SORT_KEYS } from "./grid-params";
import { useAriaSort } from "./sort-header";
import { versionLabel, useVersionsPage, type VersionRow } from "./use-versions-page";
import { useVersionColumns } from "./versions-columns";
import { VersionsEmpty } from "./versions-empty";
import { VersionsPager } from "./versions-pager";

/** The collection's versions, paged on the server; everything the grid shows is in the URL. */
export function VersionsGrid({ p, name }: { p: ProjectRef; name: string }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const query = useVersionsPage(p, name);
  const columns = useVersionColumns(p, name, selected, setSelected);
  const table = useReactTable({ data: query.data?.rows ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => String(r.id) });

  // Arrow keys move between rows, Enter opens the focused version, Space selects it for compare.
  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, row: VersionRow) {
    const tr = e.currentTarget;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = (e.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling) as HTMLElement | null;
      next?.focus();
    } else if (e.key === "Enter") {
      router.push(routes.version(p, name, versionLabel(row)));
    } else if (e.key === " ") {
      e.preventDefault();
      tr.querySelector<HTMLInputElement>("input[type=checkbox]")?.click();
    }
  }

  const data = query.data;
  return (
    <section aria-label="Versions" className="space-y-3">
      <GridFilters />
      {/* Sticky, so the compare button stays in view while ticking versions further down a long page. */}
      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center justify-between gap-2 bg-bg/95 px-1 py-1 text-xs text-muted backdrop-blur">
        <span aria-live="polite">
          {data ? (data.total === 0 ? "No versions" : `${(data.offset + 1).toLocaleString("en-US")}–${(data.offset + data.rows.length).toLocaleString("en-US")} of ${data.total.toLocaleString("en-US")}`) : ""}
        </span>
        <span className="flex items-center gap-2">
          {selected.length === 2 ? (
            <Link href={routes.compare(p, name, selected[0], selected[1])} className={buttonClass("primary", "sm")}>
              Compare {selected[0]} ↔ {selected[1]}
            </Link>
          ) : (
            <span>Select two versions to compare</span>
          )}
        </span>
      </div>
      {query.isPending ? (
        <Skeleton rows={8} label="Loading versions" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : data && data.rows.length === 0 ? (
        <VersionsEmpty p={p} />
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-border bg-panel ${query.isFetching ? "opacity-70" : ""}`}>
          <table className="w-full text-left text-[13px]" aria-rowcount={data?.total}>
            <thead className="text-xs text-muted">
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => (
                    <HeaderCell key={h.id} header={h} />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  tabIndex={0}
                  onKeyDown={(e) => onRowKey(e, row.original)}
                  aria-label={`${name}:${versionLabel(row.original)}`}
                  className="border-t border-border hover:bg-bg focus:bg-accent-soft focus:outline-none"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-1.5 whitespace-nowrap">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > 0 ? <VersionsPager prevCursor={data.prevCursor} nextCursor={data.nextCursor} /> : null}
    </section>
  );
}

function HeaderCell({ header }: { header: Header<VersionRow, unknown> }) {
  const id = header.column.id;
  const ariaSort = useAriaSort(SORT_KEYS.find((k) => k === id));
  return (
    <th aria-sort={ariaSort} className="px-3 py-2 font-normal whitespace-nowrap">
      {flexRender(header.column.columnDef.header, header.getContext())}
    </th>
  );
}
