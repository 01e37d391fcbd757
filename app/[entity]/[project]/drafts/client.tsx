"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { IfCan } from "@/components/access/role";
import { CursorPager } from "@/components/manage/cursor-pager";
import { formatBytes, plural } from "@/components/format";
import { Age } from "@/components/ui/age";
import { useTRPC } from "@/components/trpc";
import { StateBadge } from "@/components/ui/badge";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { TableHead } from "@/components/ui/table-head";
import { draftsListInput, draftsParams, type SORTS } from "./drafts-query";


/** Collaborative versions still pending: who contributed, how old, and a way to open or clean them up. */
export function DraftsClient({ p }: { p: ProjectRef }) {
  const trpc = useTRPC();
  const [{ sort, after }, setState] = useQueryStates(draftsParams, { history: "push" });
  const drafts = useQuery({ ...trpc.drafts.list.queryOptions(draftsListInput(p, { sort, after })), placeholderData: keepPreviousData });

  return (
    <div className="space-y-5">
      <Breadcrumbs items={[...projectTrail(p), { label: "Drafts" }]} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">Drafts</h1>
          <p className="text-muted">Collaborative versions still pending: writers upserted files, nobody finished them yet.</p>
        </div>
        <div className="flex items-center gap-2">
          <label className="text-xs text-muted">
            Sort{" "}
            <select
              value={sort}
              onChange={(e) => void setState({ sort: e.target.value as (typeof SORTS)[number], after: null })}
              className="ml-1 rounded-md border border-border bg-panel px-2 py-1 text-sm text-text"
            >
              <option value="oldest">Oldest first</option>
              <option value="newest">Newest first</option>
            </select>
          </label>
          <IfCan action="admin">
            <Link href={routes.cleanup(p, undefined, { drafts: "true" })} className={buttonClass("secondary", "sm")}>
              Clean up drafts…
            </Link>
          </IfCan>
        </div>
      </div>
      {drafts.isPending ? (
        <Skeleton rows={5} label="Loading drafts" />
      ) : drafts.isError ? (
        <ErrorState error={drafts.error} retry={() => void drafts.refetch()} />
      ) : drafts.data.total === 0 ? (
        <EmptyState title="No drafts in this project">
          A draft appears when a run calls <code>upsertArtifact</code> and stays until <code>finishArtifact</code> commits it.
        </EmptyState>
      ) : (
        <>
          <p className="text-xs text-muted">{plural(drafts.data.total, "draft")} pending</p>
          <div className={`overflow-x-auto rounded-lg border border-border bg-panel ${drafts.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full text-left text-[13px]" aria-label="Drafts">
              <TableHead columns={["Draft", "Distributed id", "Contributing runs", { label: "Files so far", right: true }, { label: "Started", right: true }, { label: "Last upsert", right: true }]} />
              <tbody>
                {drafts.data.items.map((d) => (
                  <tr key={d.id} className="border-t border-border align-top">
                    <td className="px-3 py-2">
                      <Link href={routes.version(p, d.name, d.selector)} className="font-mono font-medium hover:underline">
                        {d.name}:{d.selector}
                      </Link>
                      <div className="mt-0.5 flex items-center gap-1.5 text-xs text-muted">
                        <StateBadge state="PENDING" /> {d.type}
                      </div>
                    </td>
                    <td className="px-3 py-2 font-mono">{d.distributedId ?? <span className="text-muted">—</span>}</td>
                    <td className="px-3 py-2">
                      {d.runCount === 0 ? (
                        <span className="text-muted">none recorded</span>
                      ) : (
                        <ul className="flex flex-wrap gap-x-2 gap-y-0.5">
                          {d.runs.map((r) => (
                            <li key={r.runId}>
                              <Link href={routes.run(p, r.runId)} className="font-mono text-accent hover:underline" title={`${r.jobType ?? "run"} · ${r.state}`}>
                                {r.name}
                              </Link>
                            </li>
                          ))}
                          {d.runCount > d.runs.length ? <li className="text-muted">and {d.runCount - d.runs.length} more</li> : null}
                        </ul>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                      {d.fileCount.toLocaleString("en-US")} · {formatBytes(d.size)}
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap">
                      <Age iso={d.createdAt} />
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap text-muted">
                      <Age iso={d.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager label="Draft pages" cursor={after} nextCursor={drafts.data.nextCursor} onChange={(c) => void setState({ after: c })} busy={drafts.isFetching} />
        </>
      )}
    </div>
  );
}
