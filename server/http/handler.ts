import type { IncomingMessage, ServerResponse } from "node:http";
import { whenReady } from "../boot";
import { authenticate } from "../access/authenticate";
import { actorName } from "../access/principal";
import { getAuth, getConfig, getServiceContext } from "../context";
import { guardRoute } from "./guard";
import { errorResponse, json } from "./errors";
import { cacheFor, principalKey, type CachedAnswer } from "./read-cache";
import { failed, headersOf, requestOf, serveFetchHandler, writeResponse } from "./node-adapter";
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
  return toResponse(await answerRoute(apiRoutes, PREFIX, "docs/api.md", incomingOf(req, rawBody)));
}

/** Entry point of the W&B client's endpoints (docs/wandb.md), mounted by app/graphql and app/files. */
export async function handleWandbRequest(req: Request): Promise<Response> {
  const res = toResponse(await answerRoute(wandbRoutes, "/", "docs/wandb.md", incomingOf(req)));
  if (res.ok) return res;
  // W&B's client reads failures as GraphQL errors (`{"errors": [{"message"}]}`) and shows their messages.
  const body = (await res.clone().json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!body?.error) return res;
  return json(res.status, { errors: [{ message: body.error.message, extensions: { code: body.error.code } }] });
}

/**
 * The HTTP API's GETs straight from Node's request (npm start's fast path, issue 13): no Request is
 * built unless a route reads it, and a cached answer goes out as its text, without a Response.
 * Everything with a body takes the fetch-style entry above.
 */
export async function serveApiRead(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return serveFetchHandler(req, res, handleApiRequest);
  try {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    let request: Request | undefined;
    const answer = await answerRoute(apiRoutes, PREFIX, "docs/api.md", { method: "GET", url, headers: headersOf(req), request: () => (request ??= requestOf(req)) });
    if (answer instanceof Response) return await writeResponse(req, res, answer);
    res.writeHead(answer.status, { ...(answer.headers ?? JSON_HEADERS), "content-length": Buffer.byteLength(answer.body) });
    res.end(req.method === "HEAD" ? undefined : answer.body);
  } catch (error) {
    failed(req, res, error);
  }
}

/** A request as the routes see it; the WHATWG Request is made only for routes that read it. */
interface Incoming {
  method: string;
  url: URL;
  headers: Headers;
  request: () => Request;
  rawBody?: AsyncIterable<Uint8Array> | undefined;
}

/** An answer already made (the read cache's: JSON text or a small download's bytes), or a Response. */
type Answer = Response | CachedAnswer;

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
const toResponse = (answer: Answer): Response => (answer instanceof Response ? answer : new Response(answer.body, { status: answer.status, headers: answer.headers ?? JSON_HEADERS }));
const incomingOf = (req: Request, rawBody?: AsyncIterable<Uint8Array>): Incoming => ({ method: req.method, url: new URL(req.url), headers: req.headers, request: () => req, rawBody });

async function answerRoute(routes: Route[], prefix: string, doc: string, inc: Incoming): Promise<Answer> {
  try {
    const { url, method } = inc;
    const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
    const segments = rest.split("/").filter((s, i, all) => s !== "" || i < all.length - 1).map(decodeSegment);
    const match = matchRoute(routes, method, segments);
    if (match === null) return json(404, { error: { code: "NOT_FOUND", message: `no API endpoint ${method} ${url.pathname}; see ${doc}` } });
    if (match === "method-not-allowed") return json(405, { error: { code: "METHOD_NOT_ALLOWED", message: `${method} is not supported on ${url.pathname}` } });
    await whenReady();
    const ctx = getServiceContext();
    const principal = await authenticate(ctx, getAuth, getConfig(), inc.headers);
    await guardRoute(ctx, principal, match.route.access, match.params);
    // A pure read asked again before the database changed: the answer computed then (read-cache.ts).
    // A part of a file (Range) is never kept: the key would have to say which part.
    const cached = match.route.pure && !inc.headers.has("range") ? cacheFor(ctx) : null;
    const key = cached ? `${principalKey(principal)} ${url.pathname}${url.search}` : "";
    const hit = cached?.cache.get(cached.stamp, key);
    if (hit) return hit;
    const res = await match.route.handle({
      get req() {
        return inc.request();
      },
      rawBody: inc.rawBody,
      url,
      params: match.params,
      ctx,
      principal,
      actor: actorName(principal),
    });
    if (!cached || res.status !== 200) return res;
    const answer = await keepable(res);
    if (answer) cached.cache.set(cached.stamp, key, answer);
    return answer ?? res;
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * What of a pure read's answer the cache keeps: JSON as its text, a download (a file's bytes never
 * change for a digest, and which digest a path names is the database's) only when it is small.
 */
async function keepable(res: Response): Promise<CachedAnswer | null> {
  const type = res.headers.get("content-type") ?? "";
  if (type === JSON_HEADERS["content-type"]) return { status: res.status, body: await res.text() };
  const length = Number(res.headers.get("content-length") ?? NaN);
  if (!(length <= SMALL_DOWNLOAD)) return null; // a large or unknown length streams, and is not kept
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== "content-length") headers[name] = value;
  });
  return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers };
}

const SMALL_DOWNLOAD = 64 * 1024;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
