import { z } from "zod";
import { listUserMemberships } from "../../services/accounts/memberships";
import { createTeam } from "../../services/accounts/entities";
import { createApiKey, listKeys, revokeApiKey } from "../../services/accounts/keys";
import { listSessions, revokeSession } from "../../services/accounts/sessions";
import { getConfig } from "../../context";
import { isInstanceAdmin } from "../../access/principal";
import { accountProcedure, publicProcedure, router, signedInProcedure } from "../init";

const ZApiKey = z.object({
  name: z.string(),
  start: z.string(),
  entity: z.string().nullable(),
  project: z.string().nullable(),
  readOnly: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
});

const ZRole = z.enum(["viewer", "editor", "admin"]);

export const accountRouter = router({
  /** Who is asking (null when nobody is signed in) and how sign-in works here; answers everybody. */
  me: publicProcedure
    .output(
      z.object({
        mode: z.enum(["local", "accounts"]),
        user: z.object({ username: z.string(), isAdmin: z.boolean(), kind: z.enum(["local", "service", "user"]), viaKey: z.boolean() }).nullable(),
        sso: z.object({ name: z.string() }).nullable(),
      }),
    )
    .query(({ ctx }) => {
      const config = getConfig();
      const p = ctx.principal;
      return {
        mode: config.authMode,
        user: p.kind === "anonymous" ? null : { username: p.name, isAdmin: isInstanceAdmin(p), kind: p.kind, viaKey: p.kind === "user" && p.key !== null },
        sso: config.oidc ? { name: config.oidc.name } : null,
      };
    }),
  /** The entities and projects one holds a role on (one's own entity first). */
  memberships: signedInProcedure
    .output(z.array(z.object({ entity: z.string(), project: z.string(), role: ZRole, kind: z.enum(["user", "team"]) })))
    .query(({ ctx }) => listUserMemberships(ctx.ctx, { principal: ctx.principal })),
  createTeam: accountProcedure
    .input(z.object({ name: z.string().min(1).max(128) }))
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => createTeam(ctx.ctx, { name: input.name, creatorId: ctx.user.userId, actor: ctx.actor })),
  keys: accountProcedure.output(z.array(ZApiKey)).query(({ ctx }) => listKeys(ctx.ctx, { userId: ctx.user.userId })),
  /** The key is in this answer only; it cannot be shown again. */
  createKey: accountProcedure
    .input(
      z.object({
        name: z.string().min(1).max(64),
        entity: z.string().max(128).nullish(),
        project: z.string().max(128).nullish(),
        readOnly: z.boolean().default(false),
        expiresInDays: z.number().int().min(1).max(3650).nullish(),
      }),
    )
    .output(z.object({ key: z.string(), apiKey: ZApiKey }))
    .mutation(({ ctx, input }) => createApiKey(ctx.ctx, { ...input, userId: ctx.user.userId, username: ctx.user.name, actor: ctx.actor })),
  revokeKey: accountProcedure
    .input(z.object({ name: z.string().min(1).max(64) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.ctx, { userId: ctx.user.userId, username: ctx.user.name, name: input.name, actor: ctx.actor });
      return { ok: true as const };
    }),
  sessions: accountProcedure
    .output(z.array(z.object({ id: z.string(), userAgent: z.string().nullable(), ipAddress: z.string().nullable(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string(), current: z.boolean() })))
    .query(({ ctx }) => listSessions(ctx.ctx, { userId: ctx.user.userId, currentId: ctx.user.sessionId ?? null })),
  revokeSession: accountProcedure
    .input(z.object({ id: z.string().min(1).max(128) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeSession(ctx.ctx, { userId: ctx.user.userId, username: ctx.user.name, id: input.id, actor: ctx.actor });
      return { ok: true as const };
    }),
});
