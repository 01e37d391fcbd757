import { z } from "zod";
import { listAudit } from "../../services/accounts/audit";
import { grantRole, listMembers, revokeRole } from "../../services/accounts/members";
import { entityAdminProcedure, router } from "../init";
import { ZAuditPage } from "./shapes";

const ZRole = z.enum(["viewer", "editor", "admin"]);
const ZMember = z.object({ username: z.string(), name: z.string(), project: z.string(), role: ZRole, createdAt: z.string() });

/** An entity's members and their roles (entity-wide, or overridden per project): its admins only. */
export const membersRouter = router({
  list: entityAdminProcedure.output(z.array(ZMember)).query(({ ctx, input }) => listMembers(ctx.ctx, input)),
  grant: entityAdminProcedure
    .input(z.object({ username: z.string().min(1).max(128), project: z.string().max(128).default(""), role: ZRole }))
    .output(ZMember)
    .mutation(({ ctx, input }) => grantRole(ctx.ctx, { ...input, actor: ctx.actor })),
  revoke: entityAdminProcedure
    .input(z.object({ username: z.string().min(1).max(128), project: z.string().max(128).default("") }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeRole(ctx.ctx, { ...input, actor: ctx.actor });
      return { ok: true as const };
    }),
  /** The entity's audit events (roles, cleanups, deletions), newest first. */
  audit: entityAdminProcedure
    .input(z.object({ cursor: z.string().max(32).nullish(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAudit(ctx.ctx, input)),
});
