import { createLoader, type SearchParams } from "nuqs/server";
import { lineagePanelQueries } from "@/app/_lib/lineage-prefetch";
import { tableGridQueries } from "@/app/_lib/table-prefetch";
import { getQueryClient, prefetch, Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { loadMe, loadOr404, serverApi } from "@/app/_lib/server-api";
import { WithRenderedMarkdown } from "@/components/common/with-rendered-markdown";
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

/**
 * What a tab shows first, asked on the server so it arrives with the page (the header has its version already).
 * `versionId` is the version's id once it is loaded (the lineage graph starts from it).
 */
function firstPaintQueries(tab: VersionTab, ref: { entity: string; project: string; name: string; version: string }, query: SearchParams, versionId?: number) {
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
    case "lineage":
      return versionId === undefined ? [] : lineagePanelQueries({ entity: ref.entity, project: ref.project }, `version:${versionId}`, query);
    case "table":
      return [trpcServer.tables.list.queryOptions(ref)];
    default:
      return [];
  }
}

/** The Table tab's chosen table (`?table=`, else the first) opens at once: its status and rows follow the list. */
async function tableTabQueries(ref: { entity: string; project: string; name: string; version: string }, query: SearchParams) {
  const list = trpcServer.tables.list.queryOptions(ref);
  await prefetch([list]);
  const tables = getQueryClient().getQueryData(list.queryKey) ?? [];
  const chosen = tables.find((t) => t.path === query.table) ?? tables[0];
  return chosen ? tableGridQueries({ ...ref, path: chosen.path }, query) : [];
}

export default async function VersionPage({ params, searchParams }: Props) {
  const raw = await params;
  const p = { entity: decodeURIComponent(raw.entity), project: decodeURIComponent(raw.project) };
  const name = decodeURIComponent(raw.name);
  const selector = decodeURIComponent(raw.version);
  const query = await searchParams;
  const asked = query.tab;
  const tab: VersionTab = VERSION_TABS.some((t) => t.id === asked) ? (asked as VersionTab) : "overview";
  const ref = { ...p, name, version: selector };
  // The version, the visitor and the tab's data at once (the lineage tab's graph needs the version's id: it follows).
  const [version, me] = await Promise.all([loadOr404(async () => (await serverApi()).versions.get(ref)), loadMe(), prefetch(firstPaintQueries(tab, ref, query))]);
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
        <Prefetched queries={[...firstPaintQueries(tab, ref, query, version.id), ...(tab === "table" ? await tableTabQueries(ref, query) : [])]}>
          <WithRenderedMarkdown texts={tab === "overview" ? [version.description] : []}>
            <VersionTabContent tab={tab} p={p} name={name} selector={selector} initial={version} accounts={me.mode === "accounts"} />
          </WithRenderedMarkdown>
        </Prefetched>
      </div>
    </div>
  );
}
