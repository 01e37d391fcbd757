import { eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { checkNamespacePart } from "@/lib/names";
import { assertValid, NotFoundError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";

import { selectProject, type ProjectRow } from "@/db/queries/projects";
import { stmt } from "../statements";

export type { ProjectRow };

/** Returns the project, creating it on first write (W&B creates projects implicitly). */
export function ensureProject(ctx: ServiceContext, ns: Namespace): ProjectRow {
  assertValid(checkNamespacePart("entity", ns.entity));
  assertValid(checkNamespacePart("project", ns.project));
  const now = ctx.now();
  ctx.db
    .insert(projects)
    .values({ entity: ns.entity, name: ns.project, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .run();
  return getProject(ctx, ns);
}

export function findProject(ctx: ServiceContext, ns: Namespace): ProjectRow | undefined {
  return selectProject(ctx.sqlite, ns.entity, ns.project);
}

export function getProject(ctx: ServiceContext, ns: Namespace): ProjectRow {
  const row = findProject(ctx, ns);
  if (!row) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
  return row;
}

export function touchProject(ctx: ServiceContext, projectId: number): void {
  ctx.db.update(projects).set({ updatedAt: ctx.now() }).where(eq(projects.id, projectId)).run();
}

export interface ProjectSummary {
  entity: string;
  project: string;
  collections: number;
  versions: number;
  runs: number;
  updatedAt: string;
}

const SUMMARY_SQL = `select p.entity, p.name as project, p.updated_at as updatedAt,
          (select count(*) from collections c where c.project_id = p.id) as collections,
          (select coalesce(sum(c.version_count), 0) from collections c where c.project_id = p.id) as versions,
          (select count(*) from runs r where r.project_id = p.id) as runs
   from projects p`;

type SummaryRow = Omit<ProjectSummary, "updatedAt"> & { updatedAt: number };
const toSummary = (r: SummaryRow): ProjectSummary => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

/** `visible` (from the access policy) keeps the projects the caller may see. */
export function listProjects(ctx: ServiceContext, opts: { visible?: (ns: Namespace) => boolean } = {}): ProjectSummary[] {
  // Counts come from the kept-up-to-date collection counters, never from recounting versions.
  const rows = stmt<[], SummaryRow>(ctx, `${SUMMARY_SQL} order by p.updated_at desc, p.id desc`).all();
  const visible = opts.visible;
  return (visible ? rows.filter((r) => visible({ entity: r.entity, project: r.project })) : rows).map(toSummary);
}

export function getProjectSummary(ctx: ServiceContext, ns: Namespace): ProjectSummary {
  const row = stmt<[number], SummaryRow>(ctx, `${SUMMARY_SQL} where p.id = ?`).get(getProject(ctx, ns).id);
  return toSummary(row!);
}
