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
export default async function TablePage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { entity, project, name, version } = await params;
  const query = await searchParams;
  const path = typeof query.path === "string" ? query.path : "";
  const p = { entity, project };
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
      {path ? <TableGrid entity={entity} project={project} name={name} version={version} path={path} /> : <TablesPanel entity={entity} project={project} name={name} version={version} />}
    </div>
  );
}
