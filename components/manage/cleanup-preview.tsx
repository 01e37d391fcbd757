"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatAge, formatBytes, plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { ConfirmDialog } from "./confirm-dialog";
import { CursorPager } from "./cursor-pager";
import { TableHead } from "@/components/ui/table-head";

export interface CleanupRequest extends ProjectRef {
  collection?: string;
  type?: string;
  keepNewest: number;
  olderThanDays?: number;
  includeDrafts: boolean;
}

/** At or above this many versions the confirmation asks the user to type the count. */
const TYPE_TO_CONFIRM = 10;
const PAGE = 50;

/** The dry run: totals, per-collection counts, a page of what would go, and the button that deletes it. */
export function CleanupPreview({
  request,
  cursor,
  onCursor,
  onStarted,
}: {
  request: CleanupRequest;
  cursor: string | null;
  onCursor: (c: string | null) => void;
  onStarted: (jobId: string) => void;
}) {
  const trpc = useTRPC();
  const p = { entity: request.entity, project: request.project };
  const preview = useQuery({ ...trpc.cleanup.preview.queryOptions(request), staleTime: 0 });
  const candidates = useQuery({ ...trpc.cleanup.candidates.queryOptions({ ...request, cursor, limit: PAGE }), placeholderData: keepPreviousData, staleTime: 0 });
  const start = useMutation(trpc.cleanup.start.mutationOptions({ onSuccess: (job) => onStarted(job.id) }));
  const [confirming, setConfirming] = useState(false);

  if (preview.isPending) return <Skeleton rows={5} label="Loading the dry run" />;
  if (preview.isError) return <ErrorState error={preview.error} retry={() => void preview.refetch()} />;
  const d = preview.data;
  const total = d.totalVersions + d.totalDrafts;
  if (total === 0) {
    return (
      <EmptyState title="Nothing to delete">
        No version without an alias matches these criteria in {plural(d.collectionsScanned, "artifact")}. Lower “keep the newest”, clear the age limit, or include drafts.
      </EmptyState>
    );
  }
  const what = [d.totalVersions > 0 ? plural(d.totalVersions, "version") : null, d.totalDrafts > 0 ? plural(d.totalDrafts, "draft") : null].filter(Boolean).join(" and ");
  return (
    <section aria-label="Dry run" className="space-y-4">
      <div className="rounded-lg border border-border bg-panel p-4">
        <p className="text-xs font-medium tracking-wide text-muted uppercase">Dry run</p>
        <p className="mt-1 text-base">
          <strong data-testid="dry-run-count">{what}</strong> in {plural(d.collections.length, "artifact")} would be deleted, freeing{" "}
          <strong data-testid="dry-run-bytes">{formatBytes(d.bytesFreed)}</strong>.
        </p>
        <p className="mt-1 text-xs text-muted">
          They hold {formatBytes(d.logicalBytes)} in all; files that a version you keep (in any artifact) still uses are not counted, and each shared file counts
          once. Garbage collection reclaims the space after the deletion.
        </p>
        <table className="mt-3 w-full max-w-xl text-left text-[13px]" aria-label="Per artifact">
          <TableHead columns={[{ label: "Artifact", className: "py-1" }, { label: "Versions", right: true, className: "py-1" }, { label: "Drafts", right: true, className: "py-1" }, { label: "Holds", right: true, className: "py-1" }]} />
          <tbody>
            {d.collections.map((c) => (
              <tr key={c.name} className="border-t border-border">
                <td className="py-1">
                  <Link href={routes.collection(p, c.name)} className="font-mono hover:underline">
                    {c.name}
                  </Link>{" "}
                  <span className="text-xs text-muted">{c.type}</span>
                </td>
                <td className="py-1 text-right tabular-nums">{c.versions.toLocaleString("en-US")}</td>
                <td className="py-1 text-right tabular-nums">{c.drafts.toLocaleString("en-US")}</td>
                <td className="py-1 text-right tabular-nums">{formatBytes(c.logicalBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 flex items-center gap-3">
          <Button variant="danger" onClick={() => setConfirming(true)} disabled={start.isPending}>
            Delete {what}
          </Button>
          <InlineError error={start.error} />
        </div>
      </div>

      <div>
        <h2 className="mb-2 font-medium">What would be deleted</h2>
        {candidates.isPending ? (
          <Skeleton rows={5} label="Loading the versions" />
        ) : candidates.isError ? (
          <ErrorState error={candidates.error} retry={() => void candidates.refetch()} />
        ) : (
          <div className={`overflow-x-auto rounded-lg border border-border bg-panel ${candidates.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full text-left text-[13px]" aria-label="Versions to delete">
              <TableHead columns={["Version", "State", { label: "Files", right: true }, { label: "Size", right: true }, { label: "Created", right: true }]} />
              <tbody>
                {candidates.data.items.map((v) => (
                  <tr key={v.id} className="border-t border-border">
                    <td className="px-3 py-1.5">
                      <Link href={routes.version(p, v.name, v.selector)} className="font-mono hover:underline">
                        {v.name}:{v.selector}
                      </Link>
                    </td>
                    <td className="px-3 py-1.5">
                      <StateBadge state={v.state} />
                    </td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{v.fileCount.toLocaleString("en-US")}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{formatBytes(v.size)}</td>
                    <td className="px-3 py-1.5 text-right text-muted" title={v.createdAt}>
                      {formatAge(v.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {candidates.data ? <CursorPager label="Dry run pages" cursor={cursor} nextCursor={candidates.data.nextCursor} onChange={onCursor} busy={candidates.isFetching} /> : null}
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Delete ${what}?`}
        confirmLabel={`Delete ${what}`}
        confirmText={total >= TYPE_TO_CONFIRM ? String(total) : undefined}
        busy={start.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          start.mutate({ ...request, expectedVersions: total });
        }}
      >
        <p>
          They are soft-deleted: they leave every list and lose nothing else, and garbage collection can then reclaim {formatBytes(d.bytesFreed)}. A version
          that gains an alias before its turn is kept.
        </p>
      </ConfirmDialog>
    </section>
  );
}
