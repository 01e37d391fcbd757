import Link from "next/link";
import { nextCursor } from "@/lib/paging";
import { createLoader } from "nuqs/server";
import { Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { loadOr404, serverApi } from "@/app/_lib/server-api";
import { formatAge, plural } from "@/components/format";
import { CollectionBrowser } from "@/components/project/collection-browser";
import { browserParsers, collectionSearchInput, runsListInput } from "@/components/project/project-queries";
import { RunsList } from "@/components/project/runs-list";
import { buttonClass } from "@/components/ui/button";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { LinkTabs } from "@/components/ui/tabs";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string }>;
  searchParams: Promise<{ tab?: string; q?: string; type?: string }>;
}

const loadBrowserParams = createLoader(browserParsers);

export default async function ProjectPage({ params, searchParams }: Props) {
  const { entity, project } = await params;
  const p = { entity: decodeURIComponent(entity), project: decodeURIComponent(project) };
  const query = await searchParams;
  const tab = query.tab === "runs" ? "runs" : "artifacts";
  const summary = await loadOr404(async () => (await serverApi()).projects.get(p));
  return (
    <div>
      <Breadcrumbs items={[{ label: "Projects", href: routes.home() }, { label: p.entity }, { label: p.project }]} />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">{p.project}</h1>
          <p className="text-xs text-muted">
            {plural(summary.collections, "artifact")} · {plural(summary.versions, "version")} · {plural(summary.runs, "run")} · last activity{" "}
            {formatAge(summary.updatedAt)}
          </p>
        </div>
        <div className="flex gap-2">
          <Link href={routes.drafts(p)} className={buttonClass("secondary", "sm")}>
            Drafts
          </Link>
          {summary.role === "admin" ? (
            <Link href={routes.cleanup(p)} className={buttonClass("secondary", "sm")}>
              Clean up
            </Link>
          ) : null}
          {summary.canManageMembers ? (
            <Link href={routes.members(p.entity)} className={buttonClass("secondary", "sm")}>
              Members
            </Link>
          ) : null}
        </div>
      </div>
      <LinkTabs
        label="Project sections"
        current={tab}
        tabs={[
          { id: "artifacts", label: `Artifacts (${summary.collections.toLocaleString("en-US")})`, href: routes.project(p) },
          { id: "runs", label: `Runs (${summary.runs.toLocaleString("en-US")})`, href: routes.project(p, { tab: "runs" }) },
        ]}
      />
      <div className="pt-4">
        {tab === "runs" ? (
          <Prefetched queries={[trpcServer.runs.list.infiniteQueryOptions(runsListInput(p), { getNextPageParam: nextCursor })]}>
            <RunsList {...p} />
          </Prefetched>
        ) : (
          <Prefetched queries={[trpcServer.projects.searchCollections.infiniteQueryOptions(collectionSearchInput(p, loadBrowserParams(query)), { getNextPageParam: nextCursor })]}>
            <CollectionBrowser {...p} />
          </Prefetched>
        )}
      </div>
    </div>
  );
}
