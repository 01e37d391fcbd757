import { z } from "zod";
import { listRunArtifacts } from "../../services/artifacts/lineage";
import { listRuns } from "../../services/runs/list";
import { getRun } from "../../services/runs/runs";
import { ZNamespace } from "../../services/schemas";
import { readProcedure, router, PURE_READ } from "../init";

const ZRun = ZNamespace.extend({ runId: z.string() });

export const runsRouter = router({
  list: readProcedure.meta(PURE_READ)
    .input(z.object({ cursor: z.string().nullish(), limit: z.number().int().optional() }))
    .query(({ ctx, input }) => listRuns(ctx.ctx, input, input)),
  get: readProcedure.meta(PURE_READ).input(ZRun).query(({ ctx, input }) => getRun(ctx.ctx, input, input.runId)),
  artifacts: readProcedure.meta(PURE_READ).input(ZRun).query(async ({ ctx, input }) => ({
    logged: await listRunArtifacts(ctx.ctx, input, input.runId, "logged"),
    used: await listRunArtifacts(ctx.ctx, input, input.runId, "used"),
  })),
});
