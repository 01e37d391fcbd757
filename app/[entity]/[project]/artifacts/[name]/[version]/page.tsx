import { loadMe, loadOr404, serverApi } from "@/app/_lib/server-api";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { LinkTabs } from "@/components/ui/tabs";
import { VersionHeader } from "@/components/version/version-header";
import { VersionTabContent, VERSION_TABS } from "@/components/version/version-tabs";
import { routes, type VersionTab } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string; name: string; version: string }>;
  searchParams: Promise<{ tab?: string }>;
}

export default async function VersionPage({ params, searchParams }: Props) {
  const raw = await params;
  const p = { entity: decodeURIComponent(raw.entity), project: decodeURIComponent(raw.project) };
  const name = decodeURIComponent(raw.name);
  const selector = decodeURIComponent(raw.version);
  const asked = (await searchParams).tab;
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
        <VersionTabContent tab={tab} p={p} name={name} selector={selector} initial={version} accounts={me.mode === "accounts"} />
      </div>
    </div>
  );
}
