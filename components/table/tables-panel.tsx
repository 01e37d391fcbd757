"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsString, useQueryState } from "nuqs";
import { useTRPC } from "@/components/trpc";
import { formatBytes, plural } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { TableGrid } from "./table-grid";

/**
 * The "Table" tab of a version: its W&B tables (partitioned ones with their part count), the
 * chosen one (`table` in the URL, the first by default) shown in the grid, and a link to the
 * grid's own page.
 */
export function TablesPanel({ entity, project, name, version }: { entity: string; project: string; name: string; version: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.tables.list.queryOptions({ entity, project, name, version }));
  const [chosen, setChosen] = useQueryState("table", parseAsString);
  if (list.isPending) return <Skeleton rows={3} label="Loading the list of tables" />;
  if (list.error) return <ErrorState error={list.error} retry={() => void list.refetch()} />;
  if (list.data.length === 0) {
    return (
      <EmptyState title="No tables in this version">
        Tables are files named <code className="font-mono">*.table.json</code> or <code className="font-mono">*.partitioned-table.json</code> (W&B
        <code className="font-mono"> artifact.add(table, name)</code>).
      </EmptyState>
    );
  }
  const current = list.data.find((t) => t.path === chosen) ?? list.data[0]!;
  const p = { entity, project };
  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-2" aria-label="Tables">
        {list.data.map((t) => (
          <li key={t.path}>
            <button
              type="button"
              aria-pressed={t.path === current.path}
              onClick={() => void setChosen(t.path === list.data[0]!.path ? null : t.path, { history: "push" })}
              className={`flex items-center gap-2 rounded-md border px-3 py-1.5 text-left text-sm ${t.path === current.path ? "border-accent bg-accent-soft" : "border-border bg-panel hover:bg-bg"}`}
            >
              <span className="font-mono text-[13px]">{t.path}</span>
              <Badge>{t.kind === "partitioned" ? plural(t.parts ?? 0, "part") : t.kind === "joined" ? "join" : "table"}</Badge>
              <span className="text-xs text-muted">{formatBytes(t.size)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="flex justify-end">
        <Link href={routes.table(p, name, version, current.path)} className="text-sm text-accent hover:underline">
          Open {current.path} on its own page →
        </Link>
      </div>
      <TableGrid key={current.path} entity={entity} project={project} name={name} version={version} path={current.path} />
    </div>
  );
}
