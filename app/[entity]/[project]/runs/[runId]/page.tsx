import type { SearchParams } from "nuqs/server";
import { lineagePanelQueries } from "@/app/_lib/lineage-prefetch";
import { Prefetched } from "@/app/_lib/prefetch";
import { loadOr404, serverApi } from "@/app/_lib/server-api";
import Link from "next/link";
import { JsonTree } from "@/components/common/json-tree";
import { LineagePanel } from "@/components/lineage/lineage-panel";
import { formatAge } from "@/components/format";
import { RunArtifacts } from "@/components/run/run-artifacts";
import { RunSummary } from "@/components/run/run-summary";
import { Badge, StateBadge } from "@/components/ui/badge";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string; runId: string }>;
  searchParams: Promise<SearchParams>;
}

export default async function RunPage({ params, searchParams }: Props) {
  const raw = await params;
  const p = { entity: decodeURIComponent(raw.entity), project: decodeURIComponent(raw.project) };
  const runId = decodeURIComponent(raw.runId);
  const api = await serverApi();
  // Both at once: the artifacts do not depend on the run's answer (a missing run fails both the same way).
  const [run, artifacts] = await loadOr404(() => Promise.all([api.runs.get({ ...p, runId }), api.runs.artifacts({ ...p, runId })]));
  return (
    <div className="space-y-5">
      <div>
        <Breadcrumbs
          items={[
            ...projectTrail(p),
            { label: "Runs", href: routes.project(p, { tab: "runs" }) },
            { label: run.name },
          ]}
        />
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">{run.name}</h1>
          <span className="font-mono text-xs text-muted">{run.id}</span>
          <StateBadge state={run.state} />
          {run.jobType ? <Badge tone="accent">{run.jobType}</Badge> : null}
          {run.group ? <Badge>group {run.group}</Badge> : null}
        </div>
        <p className="mt-1 text-xs text-muted">
          Started {formatAge(run.createdAt)} · updated {formatAge(run.updatedAt)}
        </p>
      </div>
      {/* The run's outcome first, as W&B's run overview has it: metrics and config before the artifacts and the graph. */}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <section aria-label="Summary" className="min-w-0 rounded-lg border border-border bg-panel px-4 py-3">
          <h2 className="mb-1 text-xs font-medium text-muted uppercase">Summary</h2>
          <RunSummary summary={run.summary} />
        </section>
        <section aria-label="Config" className="min-w-0 rounded-lg border border-border bg-panel px-4 py-3">
          <h2 className="mb-1 text-xs font-medium text-muted uppercase">Config</h2>
          {Object.keys(run.config).length === 0 ? <p className="text-sm text-muted">No config recorded.</p> : <JsonTree value={run.config} label="Run config" />}
        </section>
      </div>
      <div className="grid items-start gap-5 lg:grid-cols-2">
        <RunArtifacts p={p} kind="logged" title="Logged artifacts" versions={artifacts.logged} empty="This run logged no artifact." />
        <RunArtifacts p={p} kind="used" title="Used artifacts" versions={artifacts.used} empty="This run used no artifact." />
      </div>
      <section aria-label="Lineage" className="space-y-2">
        <div className="flex items-baseline justify-between">
          <h2 className="text-xs font-medium text-muted uppercase">Lineage</h2>
          <Link href={routes.lineage(p, `run:${run.id}`)} className="text-xs text-accent hover:underline">
            Open in the lineage explorer
          </Link>
        </div>
        <Prefetched queries={lineagePanelQueries(p, `run:${run.id}`, await searchParams)}>
          <LineagePanel {...p} node={`run:${run.id}`} height={420} />
        </Prefetched>
      </section>
    </div>
  );
}
