"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { formatBytes, plural } from "@/components/format";
import { ProgressBar } from "@/components/manage/progress-bar";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Age } from "@/components/ui/age";
import { Badge } from "@/components/ui/badge";
import { ShowOlder } from "@/components/ui/show-older";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";

type Job = RouterOutputs["admin"]["jobs"]["items"][number];

const STATE_TONE = { queued: "amber", running: "accent", succeeded: "green", failed: "red" } as const;

/**
 * The long jobs of every instance (cleanups, garbage collection, key rotations), newest first, from the
 * shared jobs table: whichever instance serves this page shows what the others run. Polls while
 * anything is queued or running.
 */
export function JobsPanel() {
  const trpc = useTRPC();
  const jobs = useInfiniteQuery({
    ...trpc.admin.jobs.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((j) => j.state === "queued" || j.state === "running")) ? 1_000 : false),
  });
  if (jobs.isPending) return <Skeleton rows={4} label="Loading jobs" />;
  if (jobs.isError) return <ErrorState error={jobs.error} retry={() => void jobs.refetch()} />;
  const items = jobs.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <EmptyState title="No jobs in the last hour">
        Project cleanups, garbage collection and key rotations (<code>arca admin rotate-key</code>) show here while they run and for an hour after, whichever
        instance runs them.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-left text-[13px]" aria-label="Jobs">
          <TableHead columns={["Job", "State", { label: "Progress", className: "w-56" }, "Instance", "Queued"]} />
          <tbody>
            {items.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </tbody>
        </table>
      </div>
      <ShowOlder query={jobs} />
    </div>
  );
}

function JobRow({ job }: { job: Job }) {
  return (
    <tr className="border-t border-border align-top" data-testid="job-row">
      <td className="px-3 py-2">
        <span className="font-medium">{jobTitle(job)}</span>
        {job.state === "succeeded" ? <p className="text-xs text-muted">{jobOutcome(job)}</p> : null}
        {job.state === "failed" ? <p className="text-xs text-red-700 dark:text-red-300">{job.error}</p> : null}
      </td>
      <td className="px-3 py-2">
        <Badge tone={STATE_TONE[job.state]}>{job.state}</Badge>
      </td>
      <td className="px-3 py-2">{job.total > 0 ? <ProgressBar done={job.done} total={job.total} label={`${jobTitle(job)} progress`} /> : <span className="text-muted">—</span>}</td>
      <td className="px-3 py-2 font-mono text-xs text-muted">{job.owner ?? "not claimed yet"}</td>
      <td className="px-3 py-2 text-xs text-muted whitespace-nowrap">
        <Age iso={job.createdAt} />
      </td>
    </tr>
  );
}

function jobTitle(job: Job): string {
  if (job.kind === "cleanup") return `Cleanup of ${job.scope ?? "a project"}`;
  if (job.kind === "gc") return "Garbage collection";
  if (job.kind === "rotate-key") return "Key rotation";
  return job.kind;
}

/** The result in words; the shapes are the services' (CleanupOutcome, GcResult, RotateKeyResult). */
function jobOutcome(job: Job): string {
  const r = (job.result ?? {}) as Record<string, number | undefined>;
  if (job.kind === "cleanup") return `Deleted ${plural(r.deleted ?? 0, "version")}${r.skipped ? `, kept ${plural(r.skipped, "version")} that changed meanwhile` : ""}.`;
  if (job.kind === "gc") return `Reclaimed ${formatBytes(r.bytesFreed ?? 0)} (${plural(r.blobsDeleted ?? 0, "file")}).`;
  if (job.kind === "rotate-key") return `Re-encrypted ${plural(r.reencrypted ?? 0, "blob")}; ${plural(r.alreadyCurrent ?? 0, "blob")} already on the key.`;
  return "Done.";
}
