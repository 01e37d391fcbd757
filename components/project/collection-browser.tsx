"use client";

import { Age } from "@/components/ui/age";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { nextCursor } from "@/lib/paging";
import { useQueryStates } from "nuqs";
import { useDeferredValue } from "react";
import { formatBytes, plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { TableHead } from "@/components/ui/table-head";
import { browserParsers, COLLECTIONS_PAGE, collectionSearchInput } from "./project-queries";

/** A project's collections grouped by type, searchable by name, type or alias; pages of 100 load on demand. */
export function CollectionBrowser(p: ProjectRef) {
  const trpc = useTRPC();
  const [{ q, type }, setFilters] = useQueryStates(browserParsers, { history: "replace" });
  const search = useDeferredValue(q);
  const query = useInfiniteQuery(
    trpc.projects.searchCollections.infiniteQueryOptions(
      collectionSearchInput(p, { q: search, type }),
      { getNextPageParam: nextCursor, placeholderData: (prev) => prev },
    ),
  );
  const pages = query.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const types = pages[0]?.types ?? [];
  const groups = new Map<string, typeof items>();
  for (const c of items) groups.set(c.type, [...(groups.get(c.type) ?? []), c]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={q}
          onChange={(e) => void setFilters({ q: e.target.value || null })}
          placeholder="Search by name, type or alias"
          aria-label="Search artifacts"
          className="w-72 rounded-md border border-border bg-panel px-3 py-1.5 text-sm placeholder:text-muted"
        />
        <div role="group" aria-label="Filter by type" className="flex flex-wrap gap-1">
          <TypeChip active={!type} onClick={() => void setFilters({ type: null })} label="All types" />
          {types.map((t) => (
            <TypeChip key={t.type} active={type === t.type} onClick={() => void setFilters({ type: t.type })} label={`${t.type} (${t.count})`} />
          ))}
        </div>
        {pages[0] ? <span className="ml-auto text-xs text-muted">{plural(pages[0].total, "match", "matches")}</span> : null}
      </div>
      {query.isPending ? (
        <Skeleton rows={6} label="Loading artifacts" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={q || type ? "No artifact matches" : "No artifacts in this project yet"}>
          {q || type ? "Try another name, type or alias, or clear the filters." : "Log one with the CLI: npm run --silent arca -- log ./data --name my-data --type dataset"}
        </EmptyState>
      ) : (
        [...groups].map(([groupType, rows]) => (
          <section key={groupType} aria-label={`Type ${groupType}`} className="overflow-hidden rounded-lg border border-border bg-panel">
            <h2 className="border-b border-border px-4 py-2 text-xs font-medium text-muted">
              <Badge tone="accent">{groupType}</Badge>
            </h2>
            <table className="w-full text-left">
              <TableHead columns={["Artifact", { label: "Versions", right: true }, { label: "Total size", right: true }, { label: "Updated", right: true }]} />
              <tbody>
                {rows.map((c) => (
                  <tr key={c.name} className="border-t border-border hover:bg-bg">
                    <td className="px-4 py-1.5">
                      <Link href={routes.collection(p, c.name)} className="font-mono text-[13px] text-accent hover:underline">
                        {c.name}
                      </Link>
                      {c.description ? <span className="ml-2 truncate text-xs text-muted">{c.description.split("\n")[0]}</span> : null}
                    </td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{c.versionCount.toLocaleString("en-US")}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{formatBytes(c.totalSize)}</td>
                    <td className="px-4 py-1.5 text-right text-muted"><Age iso={c.updatedAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
      {query.hasNextPage ? (
        <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : `Show ${COLLECTIONS_PAGE} more`}
        </Button>
      ) : null}
    </div>
  );
}

function TypeChip({ active, onClick, label }: { active: boolean; onClick: () => void; label: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={active}
      className={`rounded-full border px-2.5 py-0.5 text-xs ${active ? "border-accent bg-accent-soft text-accent" : "border-border text-muted hover:text-text"}`}
    >
      {label}
    </button>
  );
}
