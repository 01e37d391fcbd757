import { z } from "zod";
import { deleteVersion } from "../../services/artifacts/delete";
import { listEdits } from "../../services/artifacts/history";
import { getVersionLineage } from "../../services/artifacts/lineage";
import { getVersion } from "../../services/artifacts/read";
import { resolveVersion } from "../../services/artifacts/resolve";
import { updateVersion } from "../../services/artifacts/update";
import { ZNamespace, ZUpdateVersionInput } from "../../services/schemas";
import { adminProcedure, readProcedure, writeProcedure, router, PURE_READ } from "../init";

const ZVersion = ZNamespace.extend({ name: z.string(), version: z.string() });

export const versionsRouter = router({
  get: readProcedure.meta(PURE_READ).input(ZVersion).query(({ ctx, input }) => getVersion(ctx.ctx, input, input.name, input.version)),
  lineage: readProcedure.meta(PURE_READ).input(ZVersion).query(({ ctx, input }) => getVersionLineage(ctx.ctx, input, input.name, input.version)),
  history: readProcedure.meta(PURE_READ)
    .input(ZVersion)
    .query(async ({ ctx, input }) => listEdits(ctx.ctx, (await resolveVersion(ctx.ctx, input, input.name, input.version)).version.id)),
  update: writeProcedure
    .input(ZVersion.extend({ change: ZUpdateVersionInput }))
    .mutation(({ ctx, input }) => updateVersion(ctx.ctx, input, input.name, input.version, input.change, ctx.actor)),
  delete: adminProcedure
    .input(ZVersion.extend({ deleteAliases: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => deleteVersion(ctx.ctx, input, input.name, input.version, input.deleteAliases, ctx.actor)),
});
