"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { formatBytes, plural } from "@/components/format";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { ReadyGrid } from "./ready-grid";

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
  if (status.isPending) return <Skeleton rows={8} label="Loading the table" />;
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
