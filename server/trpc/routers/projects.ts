import { z } from "zod";
import { listCollections } from "../../services/artifacts/collections";
import { searchCollections } from "../../services/artifacts/collection-search";
import { getProjectSummary, listProjects } from "../../services/projects/projects";
import { ZNamespace } from "../../services/schemas";
import { publicProcedure, router } from "../init";

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
  list: publicProcedure.output(z.array(ZProjectSummary)).query(({ ctx }) => listProjects(ctx.ctx)),
  get: publicProcedure.input(ZNamespace).output(ZProjectSummary).query(({ ctx, input }) => getProjectSummary(ctx.ctx, input)),
  collections: publicProcedure
    .input(ZNamespace)
    .output(z.array(ZCollectionSummary))
    .query(({ ctx, input }) => listCollections(ctx.ctx, input)),
  searchCollections: publicProcedure
    .input(ZNamespace.extend({ q: z.string().max(200).optional(), type: z.string().optional(), cursor: z.string().nullish(), limit: z.number().int().optional() }))
    .query(({ ctx, input }) => searchCollections(ctx.ctx, input, input)),
});
