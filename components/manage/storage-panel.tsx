"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatBytes, plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import type { ProjectRef } from "@/lib/routes";

/**
 * Storage at a glance, and garbage collection at any time (issue 14, item 7). "Can reclaim" is GC's own
 * dry run, so the run that follows reports the same figure (unless uploads or deletions happen between).
 */
export function StoragePanel({ p }: { p: ProjectRef }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const storage = useQuery(trpc.cleanup.storage.queryOptions(p));
  const gc = useMutation(
    trpc.cleanup.collectGarbage.mutationOptions({ onSuccess: () => client.invalidateQueries({ queryKey: trpc.cleanup.storage.queryKey(p) }) }),
  );
  if (storage.isPending) return <Skeleton rows={2} label="Loading storage" />;
  if (storage.isError) return <ErrorState error={storage.error} retry={() => void storage.refetch()} />;
  const s = storage.data;
  return (
    <section aria-label="Storage" className="space-y-2 rounded-lg border border-border bg-panel p-4 text-[13px]">
      <h2 className="text-xs font-medium text-muted uppercase">Storage</h2>
      <p>
        This project: <strong>{formatBytes(s.projectBytes)}</strong> in {plural(s.projectVersions, "committed version")} (before dedup).
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <p>
          Garbage collection (all projects) can reclaim <strong data-testid="gc-reclaimable">{formatBytes(s.gc.bytesFreed)}</strong> now
          {s.gc.blobsDeleted > 0 ? ` (${plural(s.gc.blobsDeleted, "file")})` : ""}
          {s.gc.blobsPending > 0 ? `; ${formatBytes(s.gc.bytesPending)} more once recent uploads are an hour old` : ""}.
        </p>
        <Button size="sm" onClick={() => gc.mutate(p)} disabled={gc.isPending}>
          {gc.isPending ? "Collecting garbage…" : "Run garbage collection"}
        </Button>
      </div>
      <InlineError error={gc.error} />
      {gc.data ? (
        <p role="status" data-testid="storage-gc-result">
          Reclaimed <strong>{formatBytes(gc.data.bytesFreed)}</strong> ({plural(gc.data.blobsDeleted, "file")} removed from storage).
        </p>
      ) : null}
    </section>
  );
}
