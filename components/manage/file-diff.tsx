"use client";

import { useQuery } from "@tanstack/react-query";
import { formatBytes } from "@/components/format";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { ErrorState, Skeleton } from "@/components/ui/states";
import type { ProjectRef } from "@/lib/routes";

type FileDiff = RouterOutputs["compare"]["fileDiff"];
type Hunk = Extract<FileDiff["result"], { status: "diff" }>["hunks"][number];

const LINE_TONE = {
  added: "bg-emerald-50 text-emerald-950 dark:bg-emerald-950/50 dark:text-emerald-100",
  removed: "bg-red-50 text-red-950 dark:bg-red-950/50 dark:text-red-100",
  context: "",
} as const;
const SIGN = { added: "+", removed: "−", context: " " } as const;

/** Why a changed file has no line diff, in words. */
function noDiffMessage(d: FileDiff): string | null {
  switch (d.result.status) {
    case "too-large":
      return `Too large to compare line by line (over ${formatBytes(d.result.limit)} on a side: ${formatBytes(d.before?.size ?? 0)} → ${formatBytes(d.after?.size ?? 0)}). Download both versions to diff them locally.`;
    case "binary":
      return "A binary file: compared by digest and size only.";
    case "reference":
      return "A reference: its bytes live outside Arca, so only the reference (digest) is compared.";
    case "too-many-changes":
      return "Too many lines differ to show a readable diff. Download both versions to compare them.";
    case "identical":
      return "The contents are the same once formatted (JSON with sorted keys).";
    default:
      return null;
  }
}

/** One changed file's line diff: the older version (the base) on the left gutter, the newer on the right. */
export function FileDiffView({ p, name, a, b, path }: { p: ProjectRef; name: string; a: string; b: string; path: string }) {
  const trpc = useTRPC();
  const diff = useQuery({ ...trpc.compare.fileDiff.queryOptions({ ...p, name, a, b, path }), staleTime: Infinity });
  if (diff.isPending) return <Skeleton rows={4} label={`Loading the diff of ${path}`} />;
  if (diff.isError) return <ErrorState error={diff.error} retry={() => void diff.refetch()} />;
  const d = diff.data;
  const message = noDiffMessage(d);
  const before = d.before ? `${name}:${d.before.version}` : "(not in the older version)";
  const after = d.after ? `${name}:${d.after.version}` : "(not in the newer version)";
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap gap-x-3 text-xs text-muted">
        <span>
          <span className="font-mono">{before}</span> → <span className="font-mono">{after}</span>
        </span>
        {d.result.status === "diff" ? (
          <span className="tabular-nums">
            <span className="text-emerald-800 dark:text-emerald-300">+{d.result.added}</span> <span className="text-red-800 dark:text-red-300">−{d.result.removed}</span> lines
            {d.result.format === "json" ? " · JSON, keys sorted" : ""}
          </span>
        ) : null}
      </p>
      {message ? <p className="rounded-md border border-border bg-bg px-3 py-2 text-sm text-muted">{message}</p> : null}
      {d.result.status === "diff" ? (
        <div role="region" tabIndex={0} aria-label={`Diff of ${path}`} className="max-h-[60vh] overflow-auto rounded-md border border-border bg-bg font-mono text-xs">
          {d.result.hunks.map((h, i) => (
            <HunkView key={i} hunk={h} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function HunkView({ hunk }: { hunk: Hunk }) {
  return (
    <table className="w-full border-collapse">
      <caption className="border-y border-border bg-panel px-2 py-0.5 text-left text-muted">
        @@ −{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
      </caption>
      <tbody>
        {hunk.lines.map((l, i) => (
          <tr key={i} data-kind={l.kind} className={LINE_TONE[l.kind]}>
            <td className="w-10 px-1.5 text-right text-muted tabular-nums select-none">{l.oldNo ?? ""}</td>
            <td className="w-10 px-1.5 text-right text-muted tabular-nums select-none">{l.newNo ?? ""}</td>
            <td aria-label={l.kind === "context" ? undefined : l.kind} className="w-4 select-none text-center">
              {SIGN[l.kind]}
            </td>
            <td className="pr-3 whitespace-pre">{l.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
