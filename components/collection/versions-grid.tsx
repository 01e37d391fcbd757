"use client";

import { Age } from "@/components/ui/age";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type KeyboardEvent } from "react";
import { formatBytes } from "@/components/format";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { AliasBadge, StateBadge } from "@/components/ui/badge";
import { buttonClass, Button } from "@/components/ui/button";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { GridFilters } from "./grid-filters";
import { useGridParams, type SortKey } from "./grid-params";

type Row = RouterOutputs["collections"]["versions"]["rows"][number];

const PAGE_SIZE = 50;

/** The collection's versions, paged on the server; everything the grid shows is in the URL. */
export function VersionsGrid({ p, name }: { p: ProjectRef; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [params, setParams] = useGridParams();
  const [selected, setSelected] = useState<string[]>([]);
  const query = useQuery(
    trpc.collections.versions.queryOptions(
      {
        ...p,
        name,
        query: {
          sort: params.sort,
          dir: params.dir,
          state: params.state,
          alias: params.alias,
          createdFrom: params.from ? Date.parse(params.from) : undefined,
          // The "to" day is inclusive: everything before the next midnight.
          createdTo: params.to ? Date.parse(params.to) + 86_400_000 : undefined,
          meta: params.meta || undefined,
          page: params.page,
          limit: PAGE_SIZE,
        },
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const versionLabel = (r: Row) => r.version ?? `draft-${r.id}`;
  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      {
        id: "select",
        header: () => <span className="sr-only">Select for compare</span>,
        cell: ({ row }) => {
          const label = versionLabel(row.original);
          return (
            <input
              type="checkbox"
              aria-label={`Select ${label} to compare`}
              checked={selected.includes(label)}
              onChange={(e) => setSelected((s) => (e.target.checked ? [...s.filter((x) => x !== label), label].slice(-2) : s.filter((x) => x !== label)))}
            />
          );
        },
      },
      {
        id: "version",
        header: () => <SortHeader label="Version" sortKey="version" />,
        cell: ({ row }) => (
          <Link href={routes.version(p, name, versionLabel(row.original))} className="font-mono text-accent hover:underline" tabIndex={-1}>
            {versionLabel(row.original)}
          </Link>
        ),
      },
      {
        id: "aliases",
        header: "Aliases",
        cell: ({ row }) => (
          <span className="flex flex-wrap gap-1">
            {row.original.aliases.map((a) => (
              <AliasBadge key={a} alias={a} />
            ))}
          </span>
        ),
      },
      { id: "state", header: "State", cell: ({ row }) => <StateBadge state={row.original.state} /> },
      {
        id: "digest",
        header: "Digest",
        cell: ({ row }) => (
          <span className="font-mono text-xs text-muted" title={row.original.digest ?? undefined}>
            {row.original.digest?.slice(0, 10) ?? "—"}
          </span>
        ),
      },
      { id: "size", header: () => <SortHeader label="Size" sortKey="size" />, cell: ({ row }) => <span className="tabular-nums">{formatBytes(row.original.size)}</span> },
      { id: "files", header: "Files", cell: ({ row }) => <span className="tabular-nums">{row.original.fileCount.toLocaleString("en-US")}</span> },
      {
        id: "producer",
        header: "Producer run",
        cell: ({ row }) =>
          row.original.producer ? (
            <Link href={routes.run(p, row.original.producer.id)} className="hover:underline" tabIndex={-1}>
              {row.original.producer.name}
            </Link>
          ) : (
            <span className="text-muted">—</span>
          ),
      },
      { id: "consumers", header: "Consumers", cell: ({ row }) => <span className="tabular-nums">{row.original.consumers}</span> },
      {
        id: "created",
        header: () => <SortHeader label="Created" sortKey="created" />,
        cell: ({ row }) => (
          <span className="text-muted" title={row.original.createdAt}>
            <Age iso={row.original.createdAt} />
          </span>
        ),
      },
    ],
    [p, name, selected],
  );
  const table = useReactTable({ data: query.data?.rows ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => String(r.id) });

  // Arrow keys move between rows, Enter opens the focused version, Space selects it for compare.
  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, row: Row) {
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
      <div className="flex items-center justify-between gap-2 text-xs text-muted">
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
        <EmptyState title="No version matches these filters">Clear a filter, or pick another state.</EmptyState>
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-border bg-panel ${query.isFetching ? "opacity-70" : ""}`}>
          <table className="w-full text-left text-[13px]" aria-rowcount={data?.total}>
            <thead className="text-xs text-muted">
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => (
                    <th key={h.id} className="px-3 py-2 font-normal whitespace-nowrap">
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </th>
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
      {data && data.total > 0 ? (
        <nav aria-label="Pages" className="flex items-center gap-2">
          <Button size="sm" disabled={!data.prevCursor} onClick={() => void setParams({ page: null })}>
            « First
          </Button>
          <Button size="sm" disabled={!data.prevCursor} onClick={() => void setParams({ page: `before:${data.prevCursor}` })}>
            ‹ Previous
          </Button>
          <Button size="sm" disabled={!data.nextCursor} onClick={() => void setParams({ page: `after:${data.nextCursor}` })}>
            Next ›
          </Button>
          <Button size="sm" disabled={!data.nextCursor} onClick={() => void setParams({ page: "last" })}>
            Last »
          </Button>
        </nav>
      ) : null}
    </section>
  );
}

function SortHeader({ label, sortKey }: { label: string; sortKey: SortKey }) {
  const [params, setParams] = useGridParams();
  const active = params.sort === sortKey;
  const next = active && params.dir === "desc" ? "asc" : "desc";
  return (
    <button
      type="button"
      onClick={() => void setParams({ sort: sortKey, dir: next, page: null })}
      aria-label={`Sort by ${label.toLowerCase()} ${next === "asc" ? "ascending" : "descending"}`}
      aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
      className={`inline-flex items-center gap-1 hover:text-text ${active ? "text-text" : ""}`}
    >
      {label}
      <span aria-hidden>{active ? (params.dir === "asc" ? "↑" : "↓") : "↕"}</span>
    </button>
  );
}
