import { z } from "zod";
import { getCollectionSummary, listCollectionAliases, updateCollection } from "../../services/artifacts/collections";
import { versionsGrid } from "../../services/artifacts/grid";
import { ZNamespace } from "../../services/schemas";
import { readProcedure, writeProcedure, router, PURE_READ } from "../init";

const ZCollection = ZNamespace.extend({ name: z.string() });

export const ZGridQuery = z.object({
  sort: z.enum(["version", "created", "size"]).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  state: z.enum(["COMMITTED", "PENDING", "DELETED", "all"]).optional(),
  alias: z.enum(["any", "with", "without"]).optional(),
  createdFrom: z.number().int().optional(),
  createdTo: z.number().int().optional(),
  meta: z.string().max(500).optional(),
  page: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export const collectionsRouter = router({
  get: readProcedure.meta(PURE_READ).input(ZCollection).query(({ ctx, input }) => getCollectionSummary(ctx.ctx, input, input.name)),
  aliases: readProcedure.meta(PURE_READ).input(ZCollection).query(({ ctx, input }) => listCollectionAliases(ctx.ctx, input, input.name)),
  versions: readProcedure.meta(PURE_READ).input(ZCollection.extend({ query: ZGridQuery })).query(({ ctx, input }) => versionsGrid(ctx.ctx, input, input.name, input.query)),
  update: writeProcedure
    .input(ZCollection.extend({ description: z.string().max(100_000).optional(), type: z.string().optional() }))
    .mutation(({ ctx, input }) => updateCollection(ctx.ctx, input, input.name, input)),
});
