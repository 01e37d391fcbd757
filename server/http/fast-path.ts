import type { IncomingMessage, ServerResponse } from "node:http";
import { handleTrpcRequest } from "../trpc/fetch-handler";
import { serveTrpcQuery } from "../trpc/node-handler";
import { handleWandbRequest, serveApiRead } from "./handler";
import { serveFetchHandler } from "./node-adapter";

/**
 * The API without Next.js's routing (issue 13): Next's route handling cost 3-10 ms per request
 * around a service that needs 0.2 ms. `npm start`'s server (scripts/server.mjs) asks `fastHandlerFor`
 * first and hands the request to Next only when it answers null: the pages, /api/auth and the assets.
 * The handlers are the same ones Next's routes mount (app/api, app/graphql, app/files), so
 * `next dev` and `npm start` serve the same API, and the access check stays in one place.
 */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const api: NodeHandler = serveApiRead;
// Plain GET queries are answered without the fetch adapter's Request/Response (serveTrpcQuery); the rest takes it.
const trpc: NodeHandler = (req, res) => serveTrpcQuery(req, res, () => serveFetchHandler(req, res, handleTrpcRequest, { rawUploads: false }));
const wandb: NodeHandler = (req, res) => serveFetchHandler(req, res, handleWandbRequest, { rawUploads: false });

// The W&B client's run stream: /files/{entity}/{project}/{run}/file_stream (app/files/…/route.ts).
const FILE_STREAM = /^\/files\/[^/]+\/[^/]+\/[^/]+\/file_stream$/;

/** The plain handler for a request path (no query), or null for Next.js. */
export function fastHandlerFor(pathname: string): NodeHandler | null {
  if (pathname.startsWith("/api/v1/")) return api;
  if (pathname.startsWith("/api/trpc/")) return trpc;
  if (pathname === "/graphql" || FILE_STREAM.test(pathname)) return wandb;
  return null;
}

const holder = globalThis as typeof globalThis & { __arcaFastPath?: typeof fastHandlerFor };

/**
 * Called by instrumentation.ts inside Next's server bundle: the custom server (plain JavaScript,
 * outside the bundle) finds the handlers on globalThis after `app.prepare()`, with the database
 * handle and caches the bundle's routes share (server/context.ts).
 */
export function installFastPath(): void {
  holder.__arcaFastPath = fastHandlerFor;
}
