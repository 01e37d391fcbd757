import { Age } from "@/components/ui/age";
import Link from "next/link";
import { formatBytes } from "@/components/format";
import type { RouterOutputs } from "@/components/router-types";
import { AliasBadge, Badge, StateBadge } from "@/components/ui/badge";
import { routes, type ProjectRef } from "@/lib/routes";

type Version = RouterOutputs["runs"]["artifacts"]["logged"][number];

/** The versions a run logged or used, linked to their pages (they may live in other projects). */
export function RunArtifacts({ p, title, versions, empty }: { p: ProjectRef; title: string; versions: Version[]; empty: string }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-panel">
      <h2 className="border-b border-border px-4 py-2 text-xs font-medium text-muted uppercase">
        {title} ({versions.length})
      </h2>
      {versions.length === 0 ? (
        <p className="px-4 py-3 text-xs text-muted">{empty}</p>
      ) : (
        <ul className="divide-y divide-border">
          {versions.map((v) => {
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
    </section>
  );
}
