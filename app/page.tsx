import Link from "next/link";
import { loadOr404, serverApi } from "@/app/_lib/server-api";
import { formatAge, plural } from "@/components/format";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

/** Entities and their projects, with counts and last activity; a project opens its artifacts. */
export default async function HomePage() {
  const projects = await loadOr404(async () => (await serverApi()).projects.list());
  if (projects.length === 0) return <EmptyHome />;
  const entities = new Map<string, typeof projects>();
  for (const p of projects) entities.set(p.entity, [...(entities.get(p.entity) ?? []), p]);
  return (
    <div className="space-y-8">
      <h1 className="text-lg font-semibold">Projects</h1>
      {[...entities].map(([entity, items]) => (
        <section key={entity} aria-label={`Entity ${entity}`}>
          <h2 className="mb-2 text-xs font-medium tracking-wide text-muted uppercase">
            {entity} <span className="font-normal normal-case">· {plural(items.length, "project")}</span>
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((p) => (
              <li key={p.project}>
                <Link
                  href={routes.project(p)}
                  className="block rounded-lg border border-border bg-panel p-4 transition-colors hover:border-accent focus-visible:border-accent"
                >
                  <p className="font-medium">
                    <span className="text-muted">{p.entity} /</span> {p.project}
                  </p>
                  <p className="mt-2 text-xs text-muted">
                    {plural(p.collections, "artifact")} · {plural(p.versions, "version")} · {plural(p.runs, "run")}
                  </p>
                  <p className="mt-1 text-xs text-muted">Last activity {formatAge(p.updatedAt)}</p>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function EmptyHome() {
  return (
    <div className="rounded-lg border border-dashed border-border bg-panel p-8 text-center">
      <h1 className="text-base font-semibold">No artifacts yet</h1>
      <p className="mt-2 text-muted">Log your first artifact from a terminal in the Arca folder:</p>
      <pre className="mx-auto mt-3 w-fit rounded-md bg-bg px-3 py-2 text-left font-mono text-xs">
        npm run --silent arca -- log ./my-data --name my-dataset --type dataset
      </pre>
      <p className="mt-3 text-xs text-muted">Or restart with the demo project: delete the data folder and run npm start.</p>
    </div>
  );
}
