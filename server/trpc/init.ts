import { initTRPC } from "@trpc/server";
import { whenReady } from "../boot";
import { getServiceContext, type ServiceContext } from "../context";
import { formatTrpcError, toTrpcError } from "./errors";

export interface TrpcContext {
  ctx: ServiceContext;
  actor: string;
}

/** Also used by tests and server components: no request needed. */
export function createContextInner(ctx: ServiceContext = getServiceContext(), actor = "web"): TrpcContext {
  return { ctx, actor };
}

// No transformer: plain JSON both ways. Nothing but JSON values crosses tRPC (timestamps are ISO
// strings, no Date/Map/Set/BigInt in any input or output), and superjson refused metadata keys
// such as `__proto__` or `constructor` (500s) and let a garbage `meta` field overflow the stack.
// See docs/security.md, "Bad input".
const t = initTRPC.context<TrpcContext>().create({ errorFormatter: formatTrpcError });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure runs its service through here, so domain errors are mapped in one place. */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  await whenReady();
  const result = await next();
  // Input validation fails before the service runs (BAD_REQUEST): keep it. Anything thrown inside arrives
  // wrapped as INTERNAL_SERVER_ERROR, and its cause decides.
  if (!result.ok) throw toTrpcError(result.error.code === "INTERNAL_SERVER_ERROR" ? (result.error.cause ?? result.error) : result.error);
  return result;
});
