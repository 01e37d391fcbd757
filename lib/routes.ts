/**
 * Every page's URL in one place, so links never drift from the app/ folder layout.
 * Segments are encoded: artifact names may hold dots, dashes and underscores only, but entity,
 * project and run ids come from users.
 */
const seg = encodeURIComponent;

export interface ProjectRef {
  entity: string;
  project: string;
}

export type VersionTab = "overview" | "metadata" | "files" | "history" | "lineage" | "table";

function withQuery(path: string, query?: Record<string, string | number | undefined | null>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const routes = {
  home: () => "/",
  project: (p: ProjectRef, query?: { tab?: "artifacts" | "runs"; q?: string }) => withQuery(`/${seg(p.entity)}/${seg(p.project)}`, query),
  collection: (p: ProjectRef, name: string, query?: Record<string, string | number | undefined>) =>
    withQuery(`/${seg(p.entity)}/${seg(p.project)}/artifacts/${seg(name)}`, query),
  /** `version` is `v3`, an alias, or `draft-ID`. */
  version: (p: ProjectRef, name: string, version: string, query?: { tab?: VersionTab } & Record<string, string | number | undefined>) =>
    withQuery(`/${seg(p.entity)}/${seg(p.project)}/artifacts/${seg(name)}/${seg(version)}`, query),
  /** The table grid of one `*.table.json` / `*.partitioned-table.json` entry (issue 5). */
  table: (p: ProjectRef, name: string, version: string, path: string, query?: Record<string, string | number | undefined>) =>
    withQuery(`/${seg(p.entity)}/${seg(p.project)}/artifacts/${seg(name)}/${seg(version)}/table`, { path, ...query }),
  compare: (p: ProjectRef, name: string, a?: string, b?: string) =>
    withQuery(`/${seg(p.entity)}/${seg(p.project)}/artifacts/${seg(name)}/compare`, { a, b }),
  run: (p: ProjectRef, runId: string, query?: { tab?: string }) => withQuery(`/${seg(p.entity)}/${seg(p.project)}/runs/${seg(runId)}`, query),
  /** Full-page lineage explorer (issue 4); `node` is `version:<id>` or `run:<runId>`. */
  lineage: (p: ProjectRef, node: string, query?: Record<string, string | number | undefined>) =>
    withQuery(`/${seg(p.entity)}/${seg(p.project)}/lineage`, { node, ...query }),
  /** `query` pre-fills the form: `type`, `keep`, `older` (days), `drafts` ("true"). */
  cleanup: (p: ProjectRef, collection?: string, query?: { type?: string; keep?: number; older?: number; drafts?: "true" }) =>
    withQuery(`/${seg(p.entity)}/${seg(p.project)}/cleanup`, { collection, ...query }),
  drafts: (p: ProjectRef) => `/${seg(p.entity)}/${seg(p.project)}/drafts`,
  members: (entity: string) => `/settings/teams/${seg(entity)}`,
  signIn: (next?: string) => withQuery("/sign-in", { next }),
  settingsKeys: () => "/settings/keys",
  settingsSessions: () => "/settings/sessions",
  settingsTeams: () => "/settings/teams",
  adminUsers: () => "/admin/users",
  adminAudit: (entity?: string) => withQuery("/admin/audit", { entity }),
  adminJobs: () => "/admin/jobs",
  /** Raw bytes of one file of a version (served by the HTTP API). */
  fileDownload: (p: ProjectRef, name: string, version: string, path: string) =>
    `/api/v1/projects/${seg(p.entity)}/${seg(p.project)}/artifacts/${seg(name)}/versions/${seg(version)}/files/${path.split("/").map(seg).join("/")}`,
  /** The same bytes for display on a page (`<img src>`, previews): same-origin and sandboxed, never a redirect to the store. */
  fileInline: (p: ProjectRef, name: string, version: string, path: string) => `${routes.fileDownload(p, name, version, path)}?inline=1`,
  /** The whole version as one streamed zip (references listed in REFERENCES.txt; docs/files.md). */
  versionZip: (p: ProjectRef, name: string, version: string) =>
    `/api/v1/projects/${seg(p.entity)}/${seg(p.project)}/artifacts/${seg(name)}/versions/${seg(version)}/zip`,
};
