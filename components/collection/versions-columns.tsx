"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, type Dispatch, type SetStateAction } from "react";
import { formatBytes } from "@/components/format";
import { Age } from "@/components/ui/age";
import { AliasBadge, StateBadge } from "@/components/ui/badge";
import { routes, type ProjectRef } from "@/lib/routes";
import { SortHeader } from "./sort-header";
import { versionLabel, type VersionRow } from "./use-versions-page";

/** The versions grid's columns (a sortable column's id is its sort key); `selected` holds the (at most two) versions picked for compare. */
export function useVersionColumns(p: ProjectRef, name: string, selected: string[], setSelected: Dispatch<SetStateAction<string[]>>) {
  return useMemo<ColumnDef<VersionRow>[]>(
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
      {
        id: "size",
        header: () => <SortHeader label="Size" sortKey="size" />,
        cell: ({ row }) => <span className="tabular-nums">{formatBytes(row.original.size)}</span>,
      },
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
    [p, name, selected, setSelected],
  );
}
