"use client";

import { Age } from "@/components/ui/age";
import { useQuery } from "@tanstack/react-query";
import { diffWords } from "diff";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { describeEdit, type Edit } from "./edit-words";
import type { VersionProps } from "./use-version";

const ACTION_LABEL: Record<Edit["action"], string> = { description: "Description", metadata: "Metadata", aliases: "Aliases", delete: "Deleted" };

/** Every edit after commit, newest first, in words ("moved best from v35 to v29 — alice, 2 minutes ago"); before and after on demand. */
export function VersionHistory({ p, name, selector }: VersionProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.versions.history.queryOptions({ ...p, name, version: selector }));
  if (query.isPending) return <Skeleton rows={5} label="Loading history" />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (query.data.length === 0) return <EmptyState title="No edits since this version was committed">Description, metadata, alias changes and deletion show up here.</EmptyState>;
  return (
    <ol aria-label="Edit history" className="space-y-3">
      {query.data.map((e) => (
        <li key={e.id} className="rounded-lg border border-border bg-panel p-3">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-[13px]">
            <Badge tone={e.action === "delete" ? "red" : "neutral"}>{ACTION_LABEL[e.action]}</Badge>{" "}
            <span>{describeEdit(e)}</span>{" "}
            <span className="text-xs text-muted">
              — {e.actor}, <Age iso={e.createdAt} />
            </span>
          </p>
          {e.action === "description" ? (
            <div className="mt-2">
              <Change edit={e} />
            </div>
          ) : e.action === "delete" ? null : (
            <details className="mt-1 text-xs">
              <summary className="cursor-pointer text-muted hover:text-text">Before and after</summary>
              <div className="mt-2">
                <Change edit={e} />
              </div>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

function Change({ edit }: { edit: Edit }) {
  if (edit.action === "description" && typeof edit.before === "string" && typeof edit.after === "string") {
    return (
      <p className="text-[13px] whitespace-pre-wrap">
        {diffWords(edit.before, edit.after).map((part, i) => (
          <span key={i} className={part.added ? "bg-emerald-100 dark:bg-emerald-900/50" : part.removed ? "bg-red-100 line-through dark:bg-red-900/50" : ""}>
            {part.value}
          </span>
        ))}
      </p>
    );
  }
  return (
    <div className="grid gap-2 text-xs md:grid-cols-2">
      <Side label="Before" value={edit.before} />
      <Side label="After" value={edit.after} />
    </div>
  );
}

function Side({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <p className="mb-1 text-muted">{label}</p>
      <pre className="overflow-x-auto rounded bg-bg p-2 font-mono">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
