import type { Access } from "../access/policy";
import type { Principal } from "../access/principal";
import type { ServiceContext } from "../context";

export interface RouteContext {
  req: Request;
  /** The request body as Node delivered it (pages/api fast path); otherwise read `req.body`. */
  rawBody?: AsyncIterable<Uint8Array>;
  url: URL;
  params: Record<string, string>;
  ctx: ServiceContext;
  principal: Principal;
  /** The name edits and the audit log record: the signed-in user or the key's owner. */
  actor: string;
}

/**
 * What a route needs, checked by the guard in handler.ts through the one access policy before the
 * route runs: a role on the project named by `:entity/:project`, or one of the store-wide rules.
 * `signed-url`: the `:token` in the path is a grant signed by this server (W&B upload/download URLs).
 */
export type RouteAccess = Access | "signed-in" | "blob-upload" | "blob-read" | "instance-admin" | "signed-url";

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Segments; `:name` captures one segment, a final `*name` captures the rest joined by '/'. */
  pattern: string;
  access: RouteAccess;
  /**
   * The answer is a function of the principal, the URL and the database alone: it may be served
   * again until the database changes (read-cache.ts; JSON, and downloads of small files, whose
   * bytes are fixed by the digest the database names). Only set it on reads.
   */
  pure?: true;
  handle: (rc: RouteContext) => Promise<Response> | Response;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

export function matchRoute(routes: Route[], method: string, segments: string[]): Match | "method-not-allowed" | null {
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern.split("/"), segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? "method-not-allowed" : null;
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    if (part.startsWith("*")) {
      if (i >= segments.length) return null;
      params[part.slice(1)] = segments.slice(i).join("/");
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return null;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return pattern.length === segments.length ? params : null;
}
