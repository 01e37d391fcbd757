import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleApiRequest } from "./handler";

/**
 * Serves the HTTP API from a Node request (pages/api routes). The body reaches the route as the
 * Node stream itself: multi-GiB uploads skip the Web-stream conversion of App Router handlers,
 * which costs more than hashing them.
 */
export async function handleNodeApiRequest(req: IncomingMessage, res: ServerResponse, handle: typeof handleApiRequest = handleApiRequest): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`;
  // Blob uploads (PUT one, POST a batch of octets) read the raw stream; JSON bodies go through an ordinary Request.
  const streamed = req.method === "PUT" || (req.method === "POST" && req.headers["content-type"] === "application/octet-stream");
  const hasBody = !streamed && req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
  const response = await handle(request, streamed ? req : undefined);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) {
    res.end();
    return;
  }
  await sendBody(response.body, res);
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
