import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client } from "./client";
import { resolveSettings } from "./config";

// What the server's CSRF rule (docs/security.md) needs from the SDK: every POST says application/json.
const seen: { method: string; headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let client: Client;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      seen.push({ method: request.method ?? "", headers: request.headers, body });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new Client(resolveSettings({ baseUrl }, {}));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("sends every POST as JSON, `{}` when there is nothing to say", async () => {
  seen.length = 0;
  await client.request("POST", "/gc");
  await client.post("/projects/e/p/runs", { id: "r" });
  await client.get("/projects");
  expect(seen.map((r) => [r.method, r.headers["content-type"], r.body])).toEqual([
    ["POST", "application/json", "{}"],
    ["POST", "application/json", '{"id":"r"}'],
    ["GET", undefined, ""],
  ]);
});
