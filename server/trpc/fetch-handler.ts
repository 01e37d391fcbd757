import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { bodyTooLarge, limitStream, TRPC_BODY_LIMIT } from "../limits";
import { formatTrpcError } from "./errors";
import { createRequestContext } from "./init";
import { appRouter } from "./root";

/**
 * tRPC over HTTP (app/api/trpc/[trpc]/route.ts). The fetch adapter has no body limit (only the
 * Node adapter has `maxBodySize`), so the body is counted on its way in: past TRPC_BODY_LIMIT the
 * stream fails with a PayloadTooLargeError, which the error adapter answers as 413.
 */
export function handleTrpcRequest(req: Request): Promise<Response> | Response {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > TRPC_BODY_LIMIT) return tooLarge();
  const capped = req.body
    ? new Request(req, { body: limitStream(req.body, TRPC_BODY_LIMIT, "tRPC requests"), duplex: "half" } as RequestInit)
    : req;
  return fetchRequestHandler({ endpoint: "/api/trpc", req: capped, router: appRouter, createContext: () => createRequestContext(req.headers) });
}

function tooLarge(): Response {
  const error = new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: "too large", cause: bodyTooLarge(TRPC_BODY_LIMIT, "tRPC requests") });
  const shape = formatTrpcError({ shape: { code: -32603, message: "", data: {} }, error });
  return new Response(JSON.stringify({ error: shape }), { status: 413, headers: { "content-type": "application/json" } });
}
