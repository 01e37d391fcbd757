"use client";

import { Age } from "@/components/ui/age";
import Link from "next/link";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { formatBytes } from "@/components/format";
import type { RouterOutputs } from "@/components/router-types";
import { AliasBadge, Badge, StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { routes, type ProjectRef } from "@/lib/routes";

type Version = RouterOutputs["runs"]["artifacts"]["logged"][number];

/** Longer lists show this many and a "Show all N" (a sweep's run logs hundreds of checkpoints). */
export const COLLAPSE_AFTER = 10;

/** Which of `versions` a list shows: all of them when opened, else the first `COLLAPSE_AFTER`. */
export function shownArtifacts<T>(versions: readonly T[], open: boolean): { shown: readonly T[]; hidden: number } {
  if (open || versions.length <= COLLAPSE_AFTER) return { shown: versions, hidden: 0 };
  return { shown: versions.slice(0, COLLAPSE_AFTER), hidden: versions.length - COLLAPSE_AFTER };
}

/**
 * The versions a run logged or used, linked to their pages (they may live in other projects). Long
 * lists fold after ten; opening one is in the URL (`?logged=all`, `?used=all`) so it can be linked.
 */
export function RunArtifacts({ p, kind, title, versions, empty }: { p: ProjectRef; kind: "logged" | "used"; title: string; versions: Version[]; empty: string }) {
  const [all, setAll] = useQueryState(kind, parseAsStringLiteral(["all"]));
  const { shown, hidden } = shownArtifacts(versions, all === "all");
  const listId = `${kind}-artifacts`;
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-panel">
      <h2 className="border-b border-border px-4 py-2 text-xs font-medium text-muted uppercase">
        {title} ({versions.length.toLocaleString("en-US")})
      </h2>
      {versions.length === 0 ? (
        <p className="px-4 py-3 text-xs text-muted">{empty}</p>
      ) : (
        <ul id={listId} className="divide-y divide-border">
          {shown.map((v) => {
            const label = v.version ?? `draft-${v.id}`;
            const owner = v.entity === p.entity && v.project === p.project ? p : { entity: v.entity, project: v.project };
            return (
              <li key={v.id} className="flex items-center justify-between gap-2 px-4 py-2 text-[13px]">
                <span className="flex min-w-0 flex-wrap items-center gap-1.5">
                  <Link href={routes.version(owner, v.name, label)} className="font-mono text-accent hover:underline">
                    {v.name}:{label}
                  </Link>
                  <Badge>{v.type}</Badge>
                  {v.state !== "COMMITTED" ? <StateBadge state={v.state} /> : null}
                  {v.aliases.map((a) => (
                    <AliasBadge key={a} alias={a} />
                  ))}
                </span>
                <span className="shrink-0 text-xs text-muted">
                  {formatBytes(v.size)} · <Age iso={v.createdAt} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {hidden > 0 || (all === "all" && versions.length > COLLAPSE_AFTER) ? (
        <div className="border-t border-border px-4 py-2">
          <Button size="sm" variant="ghost" aria-controls={listId} aria-expanded={hidden === 0} onClick={() => void setAll(hidden > 0 ? "all" : null)}>
            {hidden > 0 ? `Show all ${versions.length.toLocaleString("en-US")}` : `Show the first ${COLLAPSE_AFTER}`}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
