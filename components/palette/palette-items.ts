import type { RouterOutputs } from "@/components/router-types";
import { routes, type ProjectRef } from "@/lib/routes";

export type SearchResults = RouterOutputs["search"]["everything"];

export interface PaletteItem {
  id: string;
  group: "Pages" | "Projects" | "Artifacts" | "Aliases" | "Runs";
  label: string;
  /** Muted text after the label: the project, a type, a job type. */
  detail: string;
  href: string;
}

const RESERVED = new Set(["settings", "admin", "sign-in", "api", "_next"]);

/** The project a page belongs to, from its path (`/demo/mnist-pipeline/...`), or null off project pages. */
export function projectOfPath(pathname: string): ProjectRef | null {
  const [entity, project] = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (!entity || !project || RESERVED.has(entity)) return null;
  return { entity, project };
}

/** Places to go by name, whatever the search finds: the current project's pages and the account's. */
export function pageItems(here: ProjectRef | null, accounts: boolean): PaletteItem[] {
  const pages: PaletteItem[] = [{ id: "page:home", group: "Pages", label: "Home", detail: "all projects", href: routes.home() }];
  if (here) {
    const at = `${here.entity}/${here.project}`;
    pages.push(
      { id: "page:artifacts", group: "Pages", label: "Artifacts", detail: at, href: routes.project(here) },
      { id: "page:runs", group: "Pages", label: "Runs", detail: at, href: routes.project(here, { tab: "runs" }) },
      { id: "page:drafts", group: "Pages", label: "Drafts", detail: at, href: routes.drafts(here) },
      { id: "page:cleanup", group: "Pages", label: "Clean up", detail: at, href: routes.cleanup(here) },
    );
  }
  if (accounts) {
    pages.push(
      { id: "page:keys", group: "Pages", label: "API keys", detail: "settings", href: routes.settingsKeys() },
      { id: "page:sessions", group: "Pages", label: "Sessions", detail: "settings", href: routes.settingsSessions() },
      { id: "page:teams", group: "Pages", label: "Teams", detail: "settings", href: routes.settingsTeams() },
    );
  }
  return pages;
}

/** Results in display order: pages whose name matches, then projects, artifacts, aliases and runs. */
export function paletteItems(q: string, results: SearchResults | undefined, pages: PaletteItem[]): PaletteItem[] {
  const needle = q.trim().toLowerCase();
  const matchingPages = needle ? pages.filter((p) => p.label.toLowerCase().includes(needle)) : pages;
  if (!results || !needle) return matchingPages;
  const ns = (r: ProjectRef) => `${r.entity}/${r.project}`;
  return [
    ...matchingPages,
    ...results.projects.map((p): PaletteItem => ({ id: `project:${ns(p)}`, group: "Projects", label: ns(p), detail: "project", href: routes.project(p) })),
    ...results.artifacts.map((a): PaletteItem => ({ id: `artifact:${ns(a)}/${a.name}`, group: "Artifacts", label: a.name, detail: `${a.type} · ${ns(a)}`, href: routes.collection(a, a.name) })),
    ...results.aliases.map(
      (a): PaletteItem => ({ id: `alias:${ns(a)}/${a.name}:${a.alias}`, group: "Aliases", label: `${a.alias} → ${a.name}:${a.version}`, detail: ns(a), href: routes.version(a, a.name, a.version) }),
    ),
    ...results.runs.map((r): PaletteItem => ({ id: `run:${ns(r)}/${r.runId}`, group: "Runs", label: r.name, detail: `${r.jobType ?? "run"} · ${ns(r)}`, href: routes.run(r, r.runId) })),
  ];
}
