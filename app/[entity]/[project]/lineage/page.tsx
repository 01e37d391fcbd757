import type { Metadata } from "next";
import { LineagePanel } from "@/components/lineage/lineage-panel";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmptyState } from "@/components/ui/states";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { entity, project } = await params;
  return { title: `Lineage · ${decodeURIComponent(entity)}/${decodeURIComponent(project)} · Arca` };
}

/** Full-page lineage explorer: `?node=version:<id>|run:<runId>&depth=N`; the graph's own state lives in the URL too. */
export default async function LineagePage({ params, searchParams }: Props) {
  const { entity: rawEntity, project: rawProject } = await params;
  const entity = decodeURIComponent(rawEntity);
  const project = decodeURIComponent(rawProject);
  const { node } = await searchParams;
  const start = typeof node === "string" ? node.trim() : "";
  const p = { entity, project };
  return (
    <div>
      <Breadcrumbs items={[{ label: entity }, { label: project, href: routes.project(p) }, { label: "Lineage" }]} />
      <h1 className="mb-3 text-lg font-semibold">
        Lineage {start ? <span className="font-mono text-base font-normal text-muted">from {start}</span> : null}
      </h1>
      {start ? (
        <LineagePanel entity={entity} project={project} node={start} height="calc(100vh - 290px)" />
      ) : (
        <EmptyState title="Choose where the graph starts">
          Open lineage from a version or a run page, or add <code className="font-mono">?node=version:&lt;id&gt;</code> or{" "}
          <code className="font-mono">?node=run:&lt;run id&gt;</code> to this address.
        </EmptyState>
      )}
    </div>
  );
}
