import { z } from "zod";
import { projectVisibility } from "../../access/policy";
import { searchEverything } from "../../services/search/search";
import { ZNamespace } from "../../services/schemas";
import { router, signedInProcedure, PURE_READ } from "../init";

const ZHit = z.object({ entity: z.string(), project: z.string(), name: z.string(), type: z.string() });

export const searchRouter = router({
  /** The command palette: across every project the caller may read (the policy's visibility, as projects.list). */
  everything: signedInProcedure.meta(PURE_READ)
    .input(z.object({ q: z.string().max(200), near: ZNamespace.optional() }))
    .output(
      z.object({
        projects: z.array(z.object({ entity: z.string(), project: z.string() })),
        artifacts: z.array(ZHit),
        aliases: z.array(ZHit.extend({ alias: z.string(), version: z.string() })),
        runs: z.array(z.object({ entity: z.string(), project: z.string(), runId: z.string(), name: z.string(), jobType: z.string().nullable() })),
      }),
    )
    .query(async ({ ctx, input }) => searchEverything(ctx.ctx, { q: input.q, near: input.near, visible: await projectVisibility(ctx.ctx, ctx.principal) })),
});
