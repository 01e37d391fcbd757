import { createLoader, type SearchParams } from "nuqs/server";
import { Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { loadMe, loadOr404, serverApi } from "@/app/_lib/server-api";
import { filesListInput, filesParams } from "@/components/files/files-query";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { LinkTabs } from "@/components/ui/tabs";
import { VersionHeader } from "@/components/version/version-header";
import { VersionTabContent, VERSION_TABS } from "@/components/version/version-tabs";
import { nextCursor } from "@/lib/paging";
import { routes, type VersionTab } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string; name: string; version: string }>;
  searchParams: Promise<SearchParams>;
}

const loadFilesParams = createLoader(filesParams);

/** What a tab shows first, asked on the server so it arrives with the page (the header has its version already). */
function firstPaintQueries(tab: VersionTab, ref: { entity: string; project: string; name: string; version: string }, query: SearchParams) {
  switch (tab) {
    case "overview":
      return [trpcServer.versions.lineage.queryOptions(ref)];
    case "history":
      return [trpcServer.versions.history.queryOptions(ref)];
    case "files": {
      const files = loadFilesParams(query);
      return [
        trpcServer.files.list.infiniteQueryOptions(filesListInput(ref, files), { getNextPageParam: nextCursor }),
        ...(files.file ? [trpcServer.files.preview.queryOptions({ ...ref, path: files.file })] : []),
      ];
    }
    default:
      return [];
  }
}

export default async function VersionPage({ params, searchParams }: Props) {
  const raw = await params;
  const p = { entity: decodeURIComponent(raw.entity), project: decodeURIComponent(raw.project) };
  const name = decodeURIComponent(raw.name);
  const selector = decodeURIComponent(raw.version);
  const query = await searchParams;
  const asked = query.tab;
  const tab: VersionTab = VERSION_TABS.some((t) => t.id === asked) ? (asked as VersionTab) : "overview";
  const version = await loadOr404(async () => (await serverApi()).versions.get({ ...p, name, version: selector }));
  const me = await loadMe();
  return (
    <div>
      <Breadcrumbs
        items={[
          ...projectTrail(p),
          { label: name, href: routes.collection(p, name) },
          { label: version.version ?? `draft-${version.id}` },
        ]}
      />
      <VersionHeader p={p} name={name} selector={selector} initial={version} />
      <LinkTabs
        label="Version sections"
        current={tab}
        tabs={VERSION_TABS.map((t) => ({ id: t.id, label: t.label, href: routes.version(p, name, selector, t.id === "overview" ? {} : { tab: t.id }) }))}
      />
      <div className="pt-4">
        <Prefetched queries={firstPaintQueries(tab, { ...p, name, version: selector }, query)}>
          <VersionTabContent tab={tab} p={p} name={name} selector={selector} initial={version} accounts={me.mode === "accounts"} />
        </Prefetched>
      </div>
    </div>
  );
}
