"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { formatBytes, plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import type { ProjectRef } from "@/lib/routes";
import { CHANGE_FILTERS, CHANGES_PAGE, type ChangeFilter } from "./change-filters";
import { CursorPager } from "./cursor-pager";
import { FileDiffView } from "./file-diff";
import { formatDelta } from "./format-delta";
import { TableHead } from "@/components/ui/table-head";


const KIND_TONE = { added: "green", removed: "red", changed: "amber" } as const;

const diffId = (path: string) => `diff-${encodeURIComponent(path).replace(/%/g, "_")}`;

const short = (digest: string) => (digest.length > 14 ? `${digest.slice(0, 12)}…` : digest);

/**
 * One page of changed files (never the whole manifest), filtered by kind, with the cursor in the URL.
 * A file's line diff opens under its row (`diff=` in the URL names the open file).
 */
export function FileChanges({
  p,
  name,
  a,
  b,
  filter,
  counts,
  cursor,
  openDiff,
  onFilter,
  onCursor,
  onDiff,
}: {
  p: ProjectRef;
  name: string;
  a: string;
  b: string;
  filter: ChangeFilter;
  counts: Record<ChangeFilter, number>;
  cursor: string | null;
  openDiff: string | null;
  onFilter: (f: ChangeFilter) => void;
  onCursor: (c: string | null) => void;
  onDiff: (path: string | null) => void;
}) {
  const trpc = useTRPC();
  const files = useQuery({ ...trpc.compare.files.queryOptions({ ...p, name, a, b, filter, cursor, limit: CHANGES_PAGE }), placeholderData: keepPreviousData });
  return (
    <div>
      <div role="group" aria-label="Filter changes" className="mb-3 inline-flex rounded-md border border-border bg-panel p-0.5">
        {CHANGE_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => onFilter(f)}
            className={`rounded px-2.5 py-1 text-xs ${filter === f ? "bg-accent-soft font-medium text-accent" : "text-muted hover:text-text"}`}
          >
            {f === "all" ? "All changes" : f[0]!.toUpperCase() + f.slice(1)} <span className="tabular-nums">{counts[f].toLocaleString("en-US")}</span>
          </button>
        ))}
      </div>
      {files.isPending ? (
        <Skeleton rows={6} label="Loading file changes" />
      ) : files.isError ? (
        <ErrorState error={files.error} retry={() => void files.refetch()} />
      ) : files.data.items.length === 0 ? (
        <EmptyState title={filter === "all" ? "No file differs between these versions" : `No ${filter} files`}>
          {filter === "all" ? "Their manifests list the same paths with the same digests." : "Pick another filter to see the other changes."}
        </EmptyState>
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-border bg-panel ${files.isPlaceholderData ? "opacity-60" : ""}`}>
          <table className="w-full text-left text-[13px]" aria-label="Changed files">
            <TableHead columns={[{ label: "Change", className: "w-24" }, "Path", "Digest", { label: "Size", right: true }, { label: "Δ", right: true }]} />
            <tbody>
              {files.data.items.map((c) => (
                <Fragment key={c.path}>
                  <tr className="border-t border-border">
                    <td className="px-3 py-1.5">
                      <Badge tone={KIND_TONE[c.kind]}>{c.kind}</Badge>
                    </td>
                    <td className="px-3 py-1.5 font-mono break-all">
                      <button
                        type="button"
                        aria-expanded={openDiff === c.path}
                        aria-controls={openDiff === c.path ? diffId(c.path) : undefined}
                        onClick={() => onDiff(openDiff === c.path ? null : c.path)}
                        title={openDiff === c.path ? "Hide the diff" : "Show the diff"}
                        className="text-left hover:text-accent hover:underline"
                      >
                        <span aria-hidden className="mr-1 text-muted">{openDiff === c.path ? "▾" : "▸"}</span>
                        {c.path}
                      </button>
                    </td>
                    <td className="px-3 py-1.5 font-mono text-xs text-muted whitespace-nowrap">
                      {c.before ? <span title={c.before.digest}>{short(c.before.digest)}</span> : null}
                      {c.before && c.after ? " → " : null}
                      {c.after ? <span title={c.after.digest}>{short(c.after.digest)}</span> : null}
                    </td>
                    <td className="px-3 py-1.5 text-right tabular-nums whitespace-nowrap">
                      {c.before && c.after ? `${formatBytes(c.before.size)} → ${formatBytes(c.after.size)}` : formatBytes((c.after ?? c.before)!.size)}
                    </td>
                    <td className="px-3 py-1.5 text-right tabular-nums whitespace-nowrap">{formatDelta((c.after?.size ?? 0) - (c.before?.size ?? 0))}</td>
                  </tr>
                  {openDiff === c.path ? (
                    <tr id={diffId(c.path)}>
                      <td colSpan={5} className="px-3 pb-3">
                        <FileDiffView p={p} name={name} a={a} b={b} path={c.path} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {files.data ? (
        <div className="flex items-center justify-between">
          <p className="pt-2 text-xs text-muted">{plural(counts[filter], "file")} in this view, {CHANGES_PAGE} per page, in path order.</p>
          <CursorPager label="File change pages" cursor={cursor} nextCursor={files.data.nextCursor} onChange={onCursor} busy={files.isFetching} />
        </div>
      ) : null}
    </div>
  );
}
