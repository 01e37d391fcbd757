import Link from "next/link";
import { createLoader, type SearchParams } from "nuqs/server";
import { Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { loadOr404, serverApi } from "@/app/_lib/server-api";
import { IfCan } from "@/components/access/role";
import { CollectionHeader } from "@/components/collection/collection-header";
import { WithRenderedMarkdown } from "@/components/common/with-rendered-markdown";
import { gridParsers, toGridQuery } from "@/components/collection/grid-query";
import { VersionsGrid } from "@/components/collection/versions-grid";
import { buttonClass } from "@/components/ui/button";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ entity: string; project: string; name: string }>;
  searchParams: Promise<SearchParams>;
}

const loadGridParams = createLoader(gridParsers);

export default async function CollectionPage({ params, searchParams }: Props) {
  const raw = await params;
  const p = { entity: decodeURIComponent(raw.entity), project: decodeURIComponent(raw.project) };
  const name = decodeURIComponent(raw.name);
  const collection = await loadOr404(async () => (await serverApi()).collections.get({ ...p, name }));
  return (
    <div>
      <Breadcrumbs items={[...projectTrail(p), { label: name }]} />
      <WithRenderedMarkdown texts={[collection.description]}>
        <CollectionHeader p={p} initial={collection}>
          <Link href={routes.compare(p, name)} className={buttonClass("secondary", "sm")}>
            Compare versions
          </Link>
          <IfCan action="admin">
            <Link href={routes.cleanup(p, name)} className={buttonClass("secondary", "sm")}>
              Clean up
            </Link>
          </IfCan>
        </CollectionHeader>
      </WithRenderedMarkdown>
      <Prefetched queries={[trpcServer.collections.versions.queryOptions({ ...p, name, query: toGridQuery(await loadGridParams(searchParams)) })]}>
        <VersionsGrid p={p} name={name} />
      </Prefetched>
    </div>
  );
}
