import type { IncomingMessage, ServerResponse } from "node:http";
import { getTRPCErrorFromUnknown, getTRPCErrorShape, transformTRPCResponse, type AnyTRPCProcedure } from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import { headersOf } from "../http/node-adapter";
import { cacheFor, principalKey } from "../http/read-cache";
import { createRequestContext, type ProcedureMeta } from "./init";
import { appRouter } from "./root";

/**
 * tRPC queries served straight from Node's request (issue 13): the pages' reads and the bench's
 * versions page. The fetch adapter (fetch-handler.ts) builds a Request, an AbortSignal per call, a
 * Response and a Web stream for a body that is one string; here the answer is written with one
 * `res.end`. Only plain GET queries take this way, with exactly the answers tRPC would give
 * (node-handler.test.ts compares the two); mutations, HEAD, streaming and anything unusual go to
 * `fallback`, tRPC's own adapter. The access check is the procedures' own middleware either way.
 */
export async function serveTrpcQuery(req: IncomingMessage, res: ServerResponse, fallback: () => Promise<void>): Promise<void> {
  const plan = planQuery(req);
  if (plan === null) return fallback();
  const ctx = await createRequestContext(headersOf(req)).catch(() => null);
  if (ctx === null) return fallback(); // nothing ran yet: tRPC's adapter answers this failure its own way

  // Pure reads asked again before the database changed are answered from the read cache.
  const cached = !ctx.authError && plan.calls.every((c) => (c.procedure._def.meta as ProcedureMeta | undefined)?.readCache) ? cacheFor(ctx.ctx) : null;
  const key = cached ? `${principalKey(ctx.principal)} ${req.url}` : "";
  const hit = cached?.cache.get(cached.stamp, key);
  if (hit) return send(res, hit.status, hit.body);

  const config = appRouter._def._config;
  const answers = await Promise.all(
    plan.calls.map(async ({ path, procedure, input }, batchIndex) => {
      try {
        const data: unknown = await procedure({ path, getRawInput: () => Promise.resolve(input), ctx, type: "query", signal: undefined, batchIndex });
        return { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        return { error: getTRPCErrorShape({ config, error, type: "query", path, input, ctx }) };
      }
    }),
  );
  const body = JSON.stringify(transformTRPCResponse(config, plan.batch ? answers : answers[0]!));
  const status = getHTTPStatusCode(answers);
  if (cached && status === 200) cached.cache.set(cached.stamp, key, { status, body });
  send(res, status, body);
}

function send(res: ServerResponse, status: number, body: string | Uint8Array): void {
  res.writeHead(status, { vary: "trpc-accept, accept", "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

interface QueryPlan {
  batch: boolean;
  calls: { path: string; procedure: AnyTRPCProcedure; input: unknown }[];
}

const PREFIX = "/api/trpc/";

/** The calls of a plain GET query (single or batched), or null for tRPC's own adapter. */
function planQuery(req: IncomingMessage): QueryPlan | null {
  if (req.method !== "GET" || req.headers["trpc-accept"] !== undefined || req.headers.accept?.includes("application/jsonl")) return null;
  const url = new URL(req.url ?? "/", "http://arca");
  if (!url.pathname.startsWith(PREFIX) || url.searchParams.has("connectionParams")) return null;
  const batch = url.searchParams.get("batch") === "1";
  let paths: string[];
  let inputs: unknown;
  try {
    const joined = decodeURIComponent(url.pathname.slice(PREFIX.length));
    const raw = url.searchParams.get("input");
    inputs = raw === null ? undefined : JSON.parse(raw);
    paths = batch ? joined.split(",") : [joined];
  } catch {
    return null; // tRPC's adapter names what is malformed
  }
  if (batch && inputs !== undefined && (inputs === null || typeof inputs !== "object" || Array.isArray(inputs))) return null;
  const calls: QueryPlan["calls"] = [];
  for (const [index, path] of paths.entries()) {
    const procedures = appRouter._def.procedures as Record<string, unknown>;
    const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
    if (!isQuery(procedure)) return null;
    calls.push({ path, procedure, input: batch ? (inputs as Record<string, unknown> | undefined)?.[index] : inputs });
  }
  return { batch, calls };
}

function isQuery(procedure: unknown): procedure is AnyTRPCProcedure {
  return typeof procedure === "function" && (procedure as Partial<AnyTRPCProcedure>)._def?.type === "query";
}
