import { whenReady } from "../boot";
import { authenticate } from "../access/authenticate";
import { actorName } from "../access/principal";
import { getAuth, getConfig, getServiceContext } from "../context";
import { guardRoute } from "./guard";
import { errorResponse, json, jsonText } from "./errors";
import { cacheFor, principalKey } from "./read-cache";
import { matchRoute, type Route } from "./router";
import { artifactRoutes } from "./routes/artifact-routes";
import { blobRoutes } from "./routes/blob-routes";
import { runRoutes } from "./routes/run-routes";
import { signedRoutes } from "./routes/signed-routes";
import { versionRoutes } from "./routes/version-routes";
import { wandbRoutes } from "./routes/wandb-routes";

/** Every route of the API; each declares the access it needs (router.ts). */
export const apiRoutes: Route[] = [...blobRoutes, ...signedRoutes, ...runRoutes, ...artifactRoutes, ...versionRoutes];
const PREFIX = "/api/v1/";

/** Entry point of the plain HTTP API (docs/api.md), mounted by app/api/v1/[...path]/route.ts. */
export async function handleApiRequest(req: Request, rawBody?: AsyncIterable<Uint8Array>): Promise<Response> {
  return serveRoutes(apiRoutes, PREFIX, "docs/api.md", req, rawBody);
}

/** Entry point of the W&B client's endpoints (docs/wandb.md), mounted by app/graphql and app/files. */
export async function handleWandbRequest(req: Request): Promise<Response> {
  const res = await serveRoutes(wandbRoutes, "/", "docs/wandb.md", req);
  if (res.ok) return res;
  // W&B's client reads failures as GraphQL errors (`{"errors": [{"message"}]}`) and shows their messages.
  const body = (await res.clone().json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!body?.error) return res;
  return json(res.status, { errors: [{ message: body.error.message, extensions: { code: body.error.code } }] });
}

async function serveRoutes(routes: Route[], prefix: string, doc: string, req: Request, rawBody?: AsyncIterable<Uint8Array>): Promise<Response> {
  try {
    const url = new URL(req.url);
    const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
    const segments = rest.split("/").filter((s, i, all) => s !== "" || i < all.length - 1).map(decodeSegment);
    const match = matchRoute(routes, req.method, segments);
    if (match === null) return json(404, { error: { code: "NOT_FOUND", message: `no API endpoint ${req.method} ${url.pathname}; see ${doc}` } });
    if (match === "method-not-allowed") return json(405, { error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not supported on ${url.pathname}` } });
    await whenReady();
    const ctx = getServiceContext();
    const principal = await authenticate(ctx, getAuth, getConfig(), req.headers);
    await guardRoute(ctx, principal, match.route.access, match.params);
    // A pure read asked again before the database changed: the answer computed then (read-cache.ts).
    const cached = match.route.pure ? cacheFor(ctx) : null;
    const key = `${principalKey(principal)} ${url.pathname}${url.search}`;
    const hit = cached?.cache.get(cached.stamp, key);
    if (hit) return jsonText(hit.status, hit.body);
    const res = await match.route.handle({ req, rawBody, url, params: match.params, ctx, principal, actor: actorName(principal) });
    if (!cached || res.status !== 200) return res;
    const body = await res.text();
    cached.cache.set(cached.stamp, key, { status: res.status, body });
    return jsonText(res.status, body);
  } catch (error) {
    return errorResponse(error);
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
