"use client";

import { Age } from "@/components/ui/age";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useCan } from "@/components/access/role";
import { DescriptionEditor } from "@/components/common/description-editor";
import { formatBytes } from "@/components/format";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { StateBadge } from "@/components/ui/badge";
import { ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { UndoToast } from "@/components/ui/undo-toast";
import { routes, type ProjectRef } from "@/lib/routes";
import { UseThisVersion } from "./use-this-version";
import { useUndoOffer } from "./use-undo-offer";
import { useVersion, type VersionProps } from "./use-version";

type Run = RouterOutputs["versions"]["lineage"]["loggedBy"][number];

/** Description, the facts of the version, and the runs on either side of it. */
export function VersionOverview({ accounts, ...props }: VersionProps & { accounts: boolean }) {
  const trpc = useTRPC();
  const { version, stable, saveUndoable } = useVersion(props);
  const undo = useUndoOffer();
  const canEdit = useCan("edit");
  const lineage = useQuery(trpc.versions.lineage.queryOptions({ ...props.p, name: props.name, version: props.selector }));
  const base = version.basedOn ? parseBase(version.basedOn) : null;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[1fr_320px]">
      <div className="min-w-0 space-y-4">
        <section aria-label="Description" className="rounded-lg border border-border bg-panel p-4">
          <h2 className="mb-2 text-xs font-medium text-muted uppercase">Description</h2>
          <DescriptionEditor
            value={version.description}
            disabled={version.state === "DELETED" || !canEdit}
            emptyText="No description yet: say what this version contains and how it was made."
            save={async (description) => undo.offer(`Saved the description of ${props.name}:${stable}`, await saveUndoable({ description }))}
          />
          <InlineError error={undo.error} />
          <UndoToast toast={undo.toast} onDone={undo.close} />
        </section>
        {/* In the wide column: the lines are long, and they are what most visitors come to copy. */}
        {version.state === "COMMITTED" && version.version ? (
          <UseThisVersion p={props.p} name={props.name} version={version.version} aliases={version.aliases} accounts={accounts} />
        ) : null}
      </div>
      <aside className="min-w-0 space-y-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-lg border border-border bg-panel p-4 text-[13px]">
          <Fact label="State">
            <StateBadge state={version.state} />
          </Fact>
          <Fact label="Digest">
            <span className="font-mono text-xs break-all">{version.digest ?? "—"}</span>
          </Fact>
          <Fact label="Size">{formatBytes(version.size)}</Fact>
          <Fact label="Files">{version.fileCount.toLocaleString("en-US")}</Fact>
          <Fact label="Created"><Age iso={version.createdAt} /></Fact>
          {version.committedAt ? <Fact label="Committed"><Age iso={version.committedAt} /></Fact> : null}
          {version.deletedAt ? <Fact label="Deleted"><Age iso={version.deletedAt} /></Fact> : null}
          {version.distributedId ? <Fact label="Distributed id">{version.distributedId}</Fact> : null}
          {base ? (
            <Fact label="Patched from">
              <Link href={routes.version(base.p, base.name, base.version)} className="font-mono text-accent hover:underline">
                {base.label}
              </Link>
            </Fact>
          ) : null}
        </dl>
        {lineage.isPending ? (
          <Skeleton rows={3} label="Loading runs" />
        ) : lineage.isError ? (
          <ErrorState error={lineage.error} />
        ) : (
          <>
            <RunList title="Logged by" runs={lineage.data.loggedBy} p={props.p} empty="No run recorded (logged from outside a run)." />
            <RunList title="Used by" runs={lineage.data.usedBy} p={props.p} empty="No run has used this version yet." />
          </>
        )}
      </aside>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function RunList({ title, runs, p, empty }: { title: string; runs: Run[]; p: ProjectRef; empty: string }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-panel p-4">
      <h2 className="mb-2 text-xs font-medium text-muted uppercase">
        {title} ({runs.length})
      </h2>
      {runs.length === 0 ? (
        <p className="text-xs text-muted">{empty}</p>
      ) : (
        <ul className="space-y-1 text-[13px]">
          {runs.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2">
              <Link href={routes.run(p, r.id)} className="truncate text-accent hover:underline">
                {r.name}
              </Link>
              <span className="text-xs text-muted">{r.jobType ?? ""}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `entity/project/name:v3` → the parts a link needs. */
function parseBase(ref: string): { p: ProjectRef; name: string; version: string; label: string } | null {
  const m = /^([^/]+)\/([^/]+)\/([^:]+):(.+)$/.exec(ref);
  if (!m) return null;
  return { p: { entity: m[1]!, project: m[2]! }, name: m[3]!, version: m[4]!, label: `${m[3]}:${m[4]}` };
}
