"use client";

import { diffWordsWithSpace } from "diff";
import { useMemo } from "react";

/** Word-level diff of two descriptions, in one flow: removed words struck through, added words highlighted. */
export function DescriptionDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffWordsWithSpace(before, after), [before, after]);
  if (before === after) return <p className="text-muted">The descriptions are identical{before ? "" : " (both empty)"}.</p>;
  return (
    <div>
      <p className="mb-2 text-xs text-muted">
        <span className="rounded bg-red-100 px-1 text-red-900 line-through dark:bg-red-950/60 dark:text-red-200">removed</span>{" "}
        <span className="rounded bg-emerald-100 px-1 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200">added</span>
      </p>
      <pre aria-label="Description diff" className="whitespace-pre-wrap break-words rounded-md border border-border bg-bg p-3 font-mono text-[13px] leading-relaxed">
        {parts.map((part, i) =>
          part.added ? (
            <ins key={i} className="rounded bg-emerald-100 no-underline dark:bg-emerald-950/60">
              {part.value}
            </ins>
          ) : part.removed ? (
            <del key={i} className="rounded bg-red-100 dark:bg-red-950/60">
              {part.value}
            </del>
          ) : (
            <span key={i}>{part.value}</span>
          ),
        )}
      </pre>
    </div>
  );
}
