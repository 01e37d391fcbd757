import { z } from "zod";
import { listDrafts } from "../../services/artifacts/drafts";
import { ZNamespace } from "../../services/schemas";
import { publicProcedure, router } from "../init";

export const draftsRouter = router({
  list: publicProcedure
    .input(ZNamespace.extend({ cursor: z.string().nullish(), limit: z.number().int().min(1).max(200).default(50), sort: z.enum(["oldest", "newest"]).default("oldest") }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            type: z.string(),
            selector: z.string(),
            distributedId: z.string().nullable(),
            fileCount: z.number(),
            size: z.number(),
            createdAt: z.string(),
            updatedAt: z.string(),
            runs: z.array(z.object({ runId: z.string(), name: z.string(), jobType: z.string().nullable(), state: z.string() })),
            runCount: z.number(),
          }),
        ),
        nextCursor: z.string().nullable(),
        total: z.number(),
      }),
    )
    .query(({ ctx, input }) => listDrafts(ctx.ctx, input, input)),
});
