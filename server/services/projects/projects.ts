import { checkNamespacePart } from "@/lib/names";
import { assertValid, NotFoundError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";

import { findProjectSummary, insertProjectIfMissing, listProjectSummaries, selectProject, setProjectUpdatedAt, type ProjectRow, type ProjectSummaryRow } from "@/db/queries/projects";

export type { ProjectRow };

/** Returns the project, creating it on first write (W&B creates projects implicitly). */
export function ensureProject(ctx: ServiceContext, ns: Namespace): ProjectRow {
  assertValid(checkNamespacePart("entity", ns.entity));
  assertValid(checkNamespacePart("project", ns.project));
  insertProjectIfMissing(ctx, ns.entity, ns.project, ctx.now());
  return getProject(ctx, ns);
}

export function findProject(ctx: ServiceContext, ns: Namespace): ProjectRow | undefined {
  return selectProject(ctx, ns.entity, ns.project);
}

export function getProject(ctx: ServiceContext, ns: Namespace): ProjectRow {
  const row = findProject(ctx, ns);
  if (!row) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
  return row;
}

export function touchProject(ctx: ServiceContext, projectId: number): void {
  setProjectUpdatedAt(ctx, projectId, ctx.now());
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
export function listProjects(ctx: ServiceContext, opts: { visible?: (ns: Namespace) => boolean } = {}): ProjectSummary[] {
  const rows = listProjectSummaries(ctx);
  const visible = opts.visible;
  return (visible ? rows.filter((r) => visible({ entity: r.entity, project: r.project })) : rows).map(toSummary);
}

export function getProjectSummary(ctx: ServiceContext, ns: Namespace): ProjectSummary {
  const row = findProjectSummary(ctx, getProject(ctx, ns).id);
  return toSummary(row!);
}
