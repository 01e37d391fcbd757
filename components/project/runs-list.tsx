"use client";

import { Age } from "@/components/ui/age";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { nextCursor } from "@/lib/paging";
import { useTRPC } from "@/components/trpc";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { TableHead } from "@/components/ui/table-head";
import { runsListInput } from "./project-queries";

/** A project's runs, newest first, 50 at a time. */
export function RunsList(p: ProjectRef) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(trpc.runs.list.infiniteQueryOptions(runsListInput(p), { getNextPageParam: nextCursor }));
  if (query.isPending) return <Skeleton rows={6} label="Loading runs" />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  const runs = query.data.pages.flatMap((page) => page.items);
  if (runs.length === 0) return <EmptyState title="No runs yet">Runs appear here when a script logs or uses an artifact.</EmptyState>;
  return (
    <div className="space-y-3">
      <div className="overflow-hidden rounded-lg border border-border bg-panel">
        <table className="w-full text-left">
          <TableHead columns={["Run", "Job type", "Group", "State", { label: "Logged", right: true }, { label: "Used", right: true }, { label: "Started", right: true }]} />
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-t border-border hover:bg-bg">
                <td className="px-4 py-1.5">
                  <Link href={routes.run(p, r.id)} className="text-accent hover:underline">
                    {r.name}
                  </Link>
                  {r.name !== r.id ? <span className="ml-2 font-mono text-xs text-muted">{r.id}</span> : null}
                </td>
                <td className="px-4 py-1.5">{r.jobType ?? <span className="text-muted">—</span>}</td>
                <td className="px-4 py-1.5">{r.group ?? <span className="text-muted">—</span>}</td>
                <td className="px-4 py-1.5">
                  <StateBadge state={r.state} />
                </td>
                <td className="px-4 py-1.5 text-right tabular-nums">{r.logged}</td>
                <td className="px-4 py-1.5 text-right tabular-nums">{r.used}</td>
                <td className="px-4 py-1.5 text-right text-muted"><Age iso={r.createdAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage ? (
        <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Show more runs"}
        </Button>
      ) : null}
    </div>
  );
}
