"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Age } from "@/components/ui/age";
import { ShowOlder } from "@/components/ui/show-older";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { describeAudit } from "./audit-words";

/**
 * Audit events newest first, in sentences; "Show older" reads the next keyset page. `entity` set:
 * that entity's events (its admins); `all`: the whole instance (instance admins, optional filter).
 */
export function AuditLog({ scope }: { scope: { entity: string } | { all: true; entity?: string } }) {
  const trpc = useTRPC();
  const entityOnly = !("all" in scope);
  const members = useInfiniteQuery(
    trpc.members.audit.infiniteQueryOptions({ entity: scope.entity ?? "", limit: 50 }, { enabled: entityOnly, getNextPageParam: (page) => page.nextCursor }),
  );
  const admin = useInfiniteQuery(
    trpc.admin.audit.infiniteQueryOptions({ entity: scope.entity || null, limit: 50 }, { enabled: !entityOnly, getNextPageParam: (page) => page.nextCursor }),
  );
  const q = entityOnly ? members : admin;
  if (q.isPending) return <Skeleton rows={4} label="Loading the audit log" />;
  if (q.isError) return <ErrorState error={q.error} retry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <EmptyState title="Nothing recorded yet">
        Role changes, keys, deletions, cleanups and garbage collection {scope.entity ? `in ${scope.entity} ` : ""}appear here as they happen.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      <ol aria-label="Audit events" className="divide-y divide-border rounded-lg border border-border bg-panel">
        {items.map((e) => (
          <li key={e.id} className="flex items-baseline justify-between gap-4 px-3 py-2 text-[13px]">
            <span className="min-w-0">
              {describeAudit(e)}
              {!entityOnly && e.entity && !scope.entity ? <span className="ml-2 text-xs text-muted">{e.entity}</span> : null}
            </span>
            <span className="shrink-0 text-xs text-muted">
              <Age iso={e.createdAt} />
            </span>
          </li>
        ))}
      </ol>
      <ShowOlder query={q} end={<p className="text-center text-xs text-muted">That is the beginning of the log.</p>} />
    </div>
  );
}
