import { z } from "zod";
import { listCollections } from "../../services/artifacts/collections";
import { searchCollections } from "../../services/artifacts/collection-search";
import { entityRole, projectRole, projectVisibility } from "../../access/policy";
import { getProjectSummary, listProjects } from "../../services/projects/projects";
import { readProcedure, signedInProcedure, router, PURE_READ } from "../init";

const ZProjectSummary = z.object({
  entity: z.string(),
  project: z.string(),
  collections: z.number(),
  versions: z.number(),
  runs: z.number(),
  updatedAt: z.string(),
});

const ZCollectionSummary = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string(),
  versionCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const projectsRouter = router({
  list: signedInProcedure.meta(PURE_READ).output(z.array(ZProjectSummary)).query(async ({ ctx }) => listProjects(ctx.ctx, { visible: await projectVisibility(ctx.ctx, ctx.principal) })),
  get: readProcedure.meta(PURE_READ)
    // canManageMembers: the entity's members page is for its admins (a project admin is not one); local mode has no members.
    .output(ZProjectSummary.extend({ role: z.enum(["viewer", "editor", "admin"]), canManageMembers: z.boolean() }))
    .query(async ({ ctx, input }) => ({
      ...(await getProjectSummary(ctx.ctx, input)),
      role: await projectRole(ctx.ctx, ctx.principal, input) ?? "viewer",
      canManageMembers: ctx.principal.kind === "user" && await entityRole(ctx.ctx, ctx.principal, input.entity) === "admin",
    })),
  collections: readProcedure.meta(PURE_READ)
    .output(z.array(ZCollectionSummary))
    .query(({ ctx, input }) => listCollections(ctx.ctx, input)),
  searchCollections: readProcedure.meta(PURE_READ)
    .input(z.object({ q: z.string().max(200).optional(), type: z.string().optional(), cursor: z.string().nullish(), limit: z.number().int().optional() }))
    .query(({ ctx, input }) => searchCollections(ctx.ctx, input, input)),
});
