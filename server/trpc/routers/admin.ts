import { z } from "zod";
import { listAudit } from "../../services/accounts/audit";
import { listJobs } from "../../services/jobs/list";
import { createUser, deleteUser, listUsers, setAdmin } from "../../services/accounts/users";
import { getAuth } from "../../context";
import { instanceAdminProcedure, router } from "../init";
import { ZAuditPage } from "./shapes";

const ZUser = z.object({ username: z.string(), name: z.string(), email: z.string(), isAdmin: z.boolean(), createdAt: z.string() });

const ZJobRow = z.object({
  id: z.string(),
  kind: z.string(),
  scope: z.string().nullable(),
  state: z.enum(["queued", "running", "succeeded", "failed"]),
  done: z.number(),
  total: z.number(),
  owner: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
});

/** Instance administration: users, the whole audit log, and the long jobs of every instance. */
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
  jobs: instanceAdminProcedure
    .input(z.object({ cursor: z.string().max(128).nullish(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.object({ items: z.array(ZJobRow), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listJobs(ctx.ctx, input)),
});
