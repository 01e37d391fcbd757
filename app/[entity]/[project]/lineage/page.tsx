import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { lineagePanelQueries } from "@/app/_lib/lineage-prefetch";
import { prefetch, Prefetched } from "@/app/_lib/prefetch";
import { serverApi, signInUrl } from "@/app/_lib/server-api";
import { redirect } from "next/navigation";
import { LineagePanel } from "@/components/lineage/lineage-panel";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { EmptyState, ErrorState } from "@/components/ui/states";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string }>;
  searchParams: Promise<SearchParams>;
}

async function readPage({ params, searchParams }: Props) {
  const { entity, project } = await params;
  const query = await searchParams;
  const { node } = query;
  return { p: { entity: decodeURIComponent(entity), project: decodeURIComponent(project) }, start: typeof node === "string" ? node.trim() : "", query };
}

/** The start node, or the refusal in words (unknown node, malformed id, unknown project). */
async function loadStart(p: { entity: string; project: string }, node: string) {
  try {
    return { node: await (await serverApi()).lineage.node({ ...p, node }) };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return { error };
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect(await signInUrl());
    throw error;
  }
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { p } = await readPage(props);
  return { title: `Lineage · ${p.entity}/${p.project} · Arca` };
}

/** Full-page lineage explorer: `?node=version:<id>|run:<runId>&depth=N`; the graph's own state lives in the URL too. */
export default async function LineagePage(props: Props) {
  const { p, start, query } = await readPage(props);
  // The graph is asked alongside the start node's check; an unknown start just leaves it unused.
  const graph = start ? lineagePanelQueries(p, start, query) : [];
  const [loaded] = await Promise.all([start ? loadStart(p, start) : null, prefetch(graph)]);
  const label = loaded?.node ? (loaded.node.kind === "version" ? loaded.node.label : loaded.node.name) : start;
  return (
    <div>
      <Breadcrumbs items={[...projectTrail(p), { label: "Lineage" }]} />
      <h1 className="mb-3 text-lg font-semibold">
        Lineage {label ? <span className="font-mono text-base font-normal text-muted">from {label}</span> : null}
      </h1>
      {!start ? (
        <EmptyState title="Choose where the graph starts">
          Open lineage from a version or a run page, or add <code className="font-mono">?node=version:&lt;id&gt;</code> or{" "}
          <code className="font-mono">?node=run:&lt;run id&gt;</code> to this address.
        </EmptyState>
      ) : loaded?.error ? (
        <ErrorState error={loaded.error} />
      ) : (
        <Prefetched queries={graph}>
          <LineagePanel entity={p.entity} project={p.project} node={start} height="calc(100vh - 290px)" />
        </Prefetched>
      )}
    </div>
  );
}
