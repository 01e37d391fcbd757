import type { SearchParams } from "nuqs/server";
import { Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { tableGridQueries } from "@/app/_lib/table-prefetch";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { TableGrid } from "@/components/table/table-grid";
import { TablesPanel } from "@/components/table/tables-panel";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

interface Params {
  entity: string;
  project: string;
  name: string;
  version: string;
}

/** The grid of one table on its own page: `?path=` names the table file; page, sort and filters follow. */
export default async function TablePage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  const { entity, project, name, version } = await params;
  const query = await searchParams;
  const path = typeof query.path === "string" ? query.path : "";
  const p = { entity, project };
  const ref = { ...p, name, version };
  // The grid (or the list of tables) arrives with the page (issue 13).
  const queries = path ? await tableGridQueries({ ...ref, path }, query) : [trpcServer.tables.list.queryOptions(ref)];
  return (
    // data-wide: the layout drops its max width here, so a table's columns get the whole window (globals.css).
    <div data-wide className="space-y-3">
      <Breadcrumbs
        items={[
          ...projectTrail(p),
          { label: name, href: routes.collection(p, name) },
          { label: version, href: routes.version(p, name, version, { tab: "table" }) },
          { label: path || "tables" },
        ]}
      />
      <h1 className="font-mono text-base font-semibold">{path || `Tables of ${name}:${version}`}</h1>
      <Prefetched queries={queries}>
        {path ? <TableGrid entity={entity} project={project} name={name} version={version} path={path} /> : <TablesPanel entity={entity} project={project} name={name} version={version} />}
      </Prefetched>
    </div>
  );
}
