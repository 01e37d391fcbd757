import { createCaller } from "@/server/trpc/root";
import { createContextInner } from "@/server/trpc/init";
import { formatAge, plural } from "@/components/format";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const api = createCaller(createContextInner());
  const projects = await api.projects.list();
  if (projects.length === 0) return <EmptyHome />;
  const withCollections = await Promise.all(
    projects.map(async (p) => ({ ...p, items: await api.projects.collections({ entity: p.entity, project: p.project }) })),
  );
  return (
    <div className="space-y-6">
      <h1 className="text-lg font-semibold">Projects</h1>
      {withCollections.map((p) => (
        <section key={`${p.entity}/${p.project}`} className="rounded-lg border border-border bg-panel" aria-label={`${p.entity}/${p.project}`}>
          <div className="flex items-baseline justify-between border-b border-border px-4 py-3">
            <h2 className="font-medium">
              <span className="text-muted">{p.entity} /</span> {p.project}
            </h2>
            <p className="text-xs text-muted">
              {plural(p.collections, "artifact")} · {plural(p.versions, "version")} · {plural(p.runs, "run")} · updated {formatAge(p.updatedAt)}
            </p>
          </div>
          <table className="w-full text-left">
            <thead className="text-xs text-muted">
              <tr>
                <th className="px-4 py-2 font-normal">Artifact</th>
                <th className="px-4 py-2 font-normal">Type</th>
                <th className="px-4 py-2 text-right font-normal">Versions</th>
                <th className="px-4 py-2 text-right font-normal">Updated</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((c) => (
                <tr key={c.name} className="border-t border-border">
                  <td className="px-4 py-2 font-mono text-[13px]">{c.name}</td>
                  <td className="px-4 py-2">
                    <span className="rounded bg-accent-soft px-1.5 py-0.5 text-xs text-accent">{c.type}</span>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{c.versionCount}</td>
                  <td className="px-4 py-2 text-right text-muted">{formatAge(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
