import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleApiRequest } from "./handler";

/** A handler of WHATWG requests: the HTTP API's, tRPC's, the W&B endpoints'. */
export type FetchHandler = (req: Request, rawBody?: AsyncIterable<Uint8Array>) => Response | Promise<Response>;

/**
 * Serves the HTTP API from a Node request (pages/api routes). The body reaches the route as the
 * Node stream itself: multi-GiB uploads skip the Web-stream conversion of App Router handlers,
 * which costs more than hashing them.
 */
export function handleNodeApiRequest(req: IncomingMessage, res: ServerResponse, handle: FetchHandler = handleApiRequest): Promise<void> {
  return serveFetchHandler(req, res, handle);
}

/**
 * Serves a fetch-style handler from Node's request and response (pages/api/v1/blobs, and the API
 * fast path of `npm start`, server/http/fast-path.ts). `rawUploads`: blob uploads (PUT one, POST a
 * batch of octets) get the raw Node stream as `rawBody`; JSON bodies go through an ordinary Request.
 * HEAD is served as GET without the body, as Next.js does for route handlers.
 */
export async function serveFetchHandler(req: IncomingMessage, res: ServerResponse, handle: FetchHandler, { rawUploads = true } = {}): Promise<void> {
  try {
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    const streamed = rawUploads && (method === "PUT" || (method === "POST" && req.headers["content-type"] === "application/octet-stream"));
    const response = await handle(requestOf(req, { withBody: !streamed }), streamed ? req : undefined);
    await writeResponse(req, res, response);
  } catch (error) {
    failed(req, res, error);
  }
}

/** The WHATWG Request of a Node request; `withBody: false` leaves the body to be read from `req` itself. */
export function requestOf(req: IncomingMessage, { withBody = true } = {}): Request {
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  const hasBody = withBody && method !== "GET";
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers: headersOf(req),
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
}

/** Sends a fetch-style Response through Node's response (no body for HEAD). */
export async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || req.method === "HEAD") {
    await response.body?.cancel();
    res.end();
    return;
  }
  // A small body of known length goes out with the head in one write: on loopback each socket write
  // costs about what the request's own work does (a 100-byte download was two writes).
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (length <= SMALL_BODY) {
    res.end(await smallBody(response.body));
    return;
  }
  await sendBody(response.body, res);
}

const SMALL_BODY = 64 * 1024;

/** The whole of a small body; one that fails is a 500 before anything was sent, not a cut file. */
async function smallBody(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

/** The handlers answer their own errors; this is a body that failed mid-way (a store read) or a bug. */
export function failed(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  console.error(`[arca] ${req.method} ${req.url} failed`, error);
  if (res.headersSent) res.destroy();
  else {
    const body = JSON.stringify({ error: { code: "INTERNAL_SERVER_ERROR", message: "the server failed to answer this request; its log says why" } });
    res.writeHead(500, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
  }
}

/** Node's request headers as WHATWG Headers. */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** Copies a Web body to the Node response with backpressure; a client that hangs up just stops it. */
async function sendBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drainOrClose(res);
    }
    res.end();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Waits for room in the socket (or for the client to go); both listeners go, so a long download does not pile them up. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
