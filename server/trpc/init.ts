import { initTRPC } from "@trpc/server";
import { z } from "zod";
import { authenticate } from "../access/authenticate";
import { authorizeEntity, authorizeInstanceAdmin, authorizeOwnAccount, authorizeProject, assertSignedIn, type Access } from "../access/policy";
import { actorName, localPrincipal, type Principal } from "../access/principal";
import { whenReady } from "../boot";
import { getAuth, getConfig, getServiceContext, type ServiceContext } from "../context";
import { isDomainError, type DomainError } from "../errors";
import { ZNamespace } from "../services/schemas";
import { formatTrpcError, toTrpcError } from "./errors";

export interface TrpcContext {
  ctx: ServiceContext;
  principal: Principal;
  /** The name edits and the audit log record (the signed-in user or the key's owner). */
  actor: string;
  /** A key that was sent but is not valid: every procedure refuses with it. */
  authError: DomainError | null;
}

/** Also used by tests: no request needed. Without a principal it is the local (all-powerful) user. */
export function createContextInner(ctx: ServiceContext = getServiceContext(), principal: Principal = localPrincipal()): TrpcContext {
  return { ctx, principal, actor: actorName(principal), authError: null };
}

/** The context of one request (tRPC over HTTP, and server-rendered pages with the request's headers). */
export async function createRequestContext(headers: Headers): Promise<TrpcContext> {
  await whenReady();
  const ctx = getServiceContext();
  try {
    return createContextInner(ctx, await authenticate(ctx, getAuth, getConfig(), headers));
  } catch (error) {
    if (isDomainError(error)) return { ...createContextInner(ctx, { kind: "anonymous" }), authError: error };
    throw error;
  }
}

// No transformer: plain JSON both ways. Nothing but JSON values crosses tRPC (timestamps are ISO
// strings, no Date/Map/Set/BigInt in any input or output), and superjson refused metadata keys
// such as `__proto__` or `constructor` (500s) and let a garbage `meta` field overflow the stack.
// See docs/security.md, "Bad input".
const t = initTRPC.meta<ProcedureMeta>().context<TrpcContext>().create({ errorFormatter: formatTrpcError });

export interface ProcedureMeta {
  /**
   * The answer is a function of the principal, the input and the database alone (no clock, no table
   * index, no other state): it may be served again until the database changes (server/http/read-cache.ts).
   */
  readCache?: boolean;
}

/** `.meta(PURE_READ)` on a query whose answer depends on nothing but the database (ProcedureMeta). */
export const PURE_READ: ProcedureMeta = { readCache: true };

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure runs its service through here, so domain errors are mapped in one place. */
export const publicProcedure = t.procedure.use(async ({ ctx, next }) => {
  await whenReady();
  if (ctx.authError) throw toTrpcError(ctx.authError);
  const result = await next();
  // Input validation fails before the service runs (BAD_REQUEST): keep it. Anything thrown inside arrives
  // wrapped as INTERNAL_SERVER_ERROR, and its cause decides.
  if (!result.ok) throw toTrpcError(result.error.code === "INTERNAL_SERVER_ERROR" ? (result.error.cause ?? result.error) : result.error);
  return result;
});

/** Any signed-in person or key (one's own keys, sessions, teams). */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  const principal = ctx.principal;
  assertSignedIn(principal);
  return next({ ctx: { ...ctx, principal } });
});

/** One's own keys and sessions: narrows the principal to a user for the procedure. */
export const accountProcedure = publicProcedure.use(({ ctx, next }) => {
  const principal = ctx.principal;
  authorizeOwnAccount(principal);
  return next({ ctx: { ...ctx, user: principal } });
});

/**
 * Procedures about one project: the access policy runs on the parsed `entity`/`project` before the
 * procedure's own input and service. Later `.input()` calls extend this one.
 */
export const projectProcedure = (access: Access) =>
  publicProcedure.input(ZNamespace).use(async ({ ctx, input, next }) => {
    await authorizeProject(ctx.ctx, ctx.principal, access, input);
    return next();
  });

export const readProcedure = projectProcedure("read");
export const writeProcedure = projectProcedure("write");
export const adminProcedure = projectProcedure("admin");

/** Managing an entity's members and roles: its admins (and instance admins). */
export const entityAdminProcedure = publicProcedure.input(z.object({ entity: z.string().min(1).max(128) })).use(async ({ ctx, input, next }) => {
  await authorizeEntity(ctx.ctx, ctx.principal, "admin", input.entity);
  return next();
});

export const instanceAdminProcedure = publicProcedure.use(({ ctx, next }) => {
  authorizeInstanceAdmin(ctx.principal);
  return next();
});
