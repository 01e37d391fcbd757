import { z } from "zod";
import { listDrafts } from "../../services/artifacts/drafts";
import { ZNamespace } from "../../services/schemas";
import { readProcedure, router } from "../init";
import { ZVersionListRow } from "./shapes";

export const draftsRouter = router({
  list: readProcedure
    .input(ZNamespace.extend({ cursor: z.string().nullish(), limit: z.number().int().min(1).max(200).default(50), sort: z.enum(["oldest", "newest"]).default("oldest") }))
    .output(
      z.object({
        items: z.array(
          ZVersionListRow.extend({
            distributedId: z.string().nullable(),
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
