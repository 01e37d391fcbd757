import { z } from "zod";
import { listAudit } from "../../services/accounts/audit";
import { createUser, deleteUser, listUsers, setAdmin } from "../../services/accounts/users";
import { getAuth } from "../../context";
import { instanceAdminProcedure, router } from "../init";
import { ZAuditPage } from "./shapes";

const ZUser = z.object({ username: z.string(), name: z.string(), email: z.string(), isAdmin: z.boolean(), createdAt: z.string() });

/** Instance administration: users and the whole audit log. */
export const adminRouter = router({
  users: instanceAdminProcedure.output(z.array(ZUser)).query(({ ctx }) => listUsers(ctx.ctx)),
  createUser: instanceAdminProcedure
    .input(
      z.object({
        username: z.string().min(1).max(64),
        password: z.string().min(1).max(256),
        email: z.string().max(320).optional(),
        name: z.string().max(200).optional(),
        isAdmin: z.boolean().default(false),
      }),
    )
    .output(ZUser)
    .mutation(({ ctx, input }) => createUser(ctx.ctx, getAuth(), { ...input, actor: ctx.actor })),
  setAdmin: instanceAdminProcedure
    .input(z.object({ username: z.string().min(1).max(64), isAdmin: z.boolean() }))
    .output(ZUser)
    .mutation(({ ctx, input }) => setAdmin(ctx.ctx, { ...input, actor: ctx.actor })),
  deleteUser: instanceAdminProcedure
    .input(z.object({ username: z.string().min(1).max(64) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteUser(ctx.ctx, { ...input, actor: ctx.actor });
      return { ok: true as const };
    }),
  audit: instanceAdminProcedure
    .input(z.object({ entity: z.string().max(128).nullish(), cursor: z.string().max(32).nullish(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAudit(ctx.ctx, { ...input, entity: input.entity ?? null })),
});
