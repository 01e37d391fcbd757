"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { formatBytes, plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { ProgressBar } from "./progress-bar";

/** A running cleanup: polls its progress, then shows the result and offers garbage collection. */
export function CleanupJob({ p, jobId, onDone }: { p: { entity: string; project: string }; jobId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({
    ...trpc.cleanup.status.queryOptions({ ...p, jobId }),
    refetchInterval: (q) => (q.state.data?.state === "running" || q.state.data?.state === "queued" ? 400 : false),
    staleTime: 0,
  });
  const gc = useMutation(trpc.cleanup.collectGarbage.mutationOptions());
  const finished = status.data?.state === "succeeded";
  useEffect(() => {
    // Lists elsewhere (dry runs, collections, versions) are stale once versions are gone.
    if (finished) void queryClient.invalidateQueries();
  }, [finished, queryClient]);

  if (status.isPending) return <Skeleton rows={2} label="Loading the cleanup's progress" />;
  if (status.isError) return <ErrorState error={status.error} retry={() => void status.refetch()} />;
  const job = status.data;
  return (
    <section aria-label="Cleanup progress" className="space-y-4 rounded-lg border border-border bg-panel p-4">
      {job.state === "queued" ? (
        <>
          <p className="font-medium">Waiting to start…</p>
          <ProgressBar done={0} total={job.total} label="Versions deleted" />
          <p className="text-xs text-muted">
            The cleanup is queued: the first Arca instance with nothing else to run takes it (another cleanup or a garbage collection may be running).
          </p>
        </>
      ) : job.state === "running" ? (
        <>
          <p className="font-medium">Deleting versions…</p>
          <ProgressBar done={job.done} total={job.total} label="Versions deleted" />
          <p className="text-xs text-muted">
            You can leave this page; the deletion goes on in the server{job.owner ? <> (instance <code>{job.owner}</code>)</> : null}. This page’s address shows its
            progress.
          </p>
        </>
      ) : job.state === "failed" ? (
        <div role="alert">
          <p className="font-medium text-red-700 dark:text-red-300">The cleanup stopped after {plural(job.done, "version")}.</p>
          <p className="mt-1 text-sm">{job.error}</p>
          <Button className="mt-3" onClick={onDone}>
            Preview again
          </Button>
        </div>
      ) : (
        <>
          <ProgressBar done={job.total} total={job.total} label="Versions deleted" />
          <p className="text-base" data-testid="cleanup-result">
            Deleted <strong>{plural(job.result?.deleted ?? 0, "version")}</strong>
            {job.result && job.result.skipped > 0 ? `, kept ${plural(job.result.skipped, "version")} that gained an alias or was deleted meanwhile` : ""}.{" "}
            Garbage collection can reclaim up to <strong>{formatBytes(job.result?.bytesFreed ?? 0)}</strong>.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={() => gc.mutate(p)} disabled={gc.isPending}>
              {gc.isPending ? "Collecting garbage…" : "Run garbage collection"}
            </Button>
            <Button variant="ghost" onClick={onDone}>
              Start a new cleanup
            </Button>
            <InlineError error={gc.error} />
          </div>
          {gc.data ? (
            <div role="status" className="rounded-md border border-border bg-bg p-3" data-testid="gc-result">
              <p>
                Reclaimed <strong>{formatBytes(gc.data.bytesFreed)}</strong> ({plural(gc.data.blobsDeleted, "file")} removed from storage).
              </p>
              {gc.data.blobsPending > 0 ? (
                <p className="mt-1 text-sm text-muted">
                  {formatBytes(gc.data.bytesPending)} in {plural(gc.data.blobsPending, "file")} were uploaded less than an hour ago (or are announced by an upload in
                  progress), so garbage collection keeps them for now; run it again later to reclaim them.
                </p>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
