import { checkNamespacePart } from "@/lib/names";
import { assertValid, NotFoundError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";

import { findProjectSummary, insertProjectIfMissing, listProjectSummaries, selectProject, setProjectUpdatedAt, type ProjectRow, type ProjectSummaryRow } from "@/db/queries/projects";

export type { ProjectRow };

/** Returns the project, creating it on first write (W&B creates projects implicitly). */
export async function ensureProject(ctx: ServiceContext, ns: Namespace): Promise<ProjectRow> {
  assertValid(checkNamespacePart("entity", ns.entity));
  assertValid(checkNamespacePart("project", ns.project));
  await insertProjectIfMissing(ctx, ns.entity, ns.project, ctx.now());
  return getProject(ctx, ns);
}

export function findProject(ctx: ServiceContext, ns: Namespace): Promise<ProjectRow | undefined> {
  return selectProject(ctx, ns.entity, ns.project);
}

export async function getProject(ctx: ServiceContext, ns: Namespace): Promise<ProjectRow> {
  const row = await findProject(ctx, ns);
  if (!row) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
  return row;
}

export async function touchProject(ctx: ServiceContext, projectId: number): Promise<void> {
  await setProjectUpdatedAt(ctx, projectId, ctx.now());
}

export interface ProjectSummary {
  entity: string;
  project: string;
  collections: number;
  versions: number;
  runs: number;
  updatedAt: string;
}

const toSummary = (r: ProjectSummaryRow): ProjectSummary => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

/** `visible` (from the access policy) keeps the projects the caller may see. */
export async function listProjects(ctx: ServiceContext, opts: { visible?: (ns: Namespace) => boolean } = {}): Promise<ProjectSummary[]> {
  const rows = await listProjectSummaries(ctx);
  const visible = opts.visible;
  return (visible ? rows.filter((r) => visible({ entity: r.entity, project: r.project })) : rows).map(toSummary);
}

export async function getProjectSummary(ctx: ServiceContext, ns: Namespace): Promise<ProjectSummary> {
  const row = await findProjectSummary(ctx, (await getProject(ctx, ns)).id);
  return toSummary(row!);
}
