import http from "node:http";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startTestApiServer } from "../testing/api-server";
import { TRPC_BODY_LIMIT } from "../limits";
import { fastHandlerFor } from "./fast-path";
import { serveFetchHandler } from "./node-adapter";

// The dispatch `npm start` does before Next.js (scripts/server.mjs → server/http/fast-path.ts).
const server = await startTestApiServer();
afterAll(() => server.close());
const ns = { entity: "fast", project: "path" };

describe("which requests skip Next.js", () => {
  it("serves the API, tRPC and the W&B endpoints itself and leaves pages, auth and assets to Next", () => {
    for (const path of ["/api/v1/projects", "/api/v1/blobs/missing", "/api/trpc/projects.list", "/api/trpc/a,b", "/graphql", "/files/acme/vision/run1/file_stream"]) {
      expect(fastHandlerFor(path), path).not.toBeNull();
    }
    for (const path of ["/", "/demo/mnist-pipeline", "/api/auth/get-session", "/api/v1", "/api/trpc", "/graphqlx", "/files/acme/vision", "/files/acme/vision/run1/other", "/icon.svg", "/_next/static/x.js"]) {
      expect(fastHandlerFor(path), path).toBeNull();
    }
  });
});

describe("the API over the fast path", () => {
  it("answers tRPC queries, batches and mutations", async () => {
    const created = await fetch(`${server.baseUrl}/api/v1/projects/${ns.entity}/${ns.project}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "r1" }),
    });
    expect(created.status).toBe(200);
    const list = await fetch(`${server.baseUrl}/api/trpc/projects.list`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { result: { data: { project: string }[] } }).result.data.map((p) => p.project)).toContain("path");
    const batch = await fetch(`${server.baseUrl}/api/trpc/projects.get,runs.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: ns, 1: { ...ns, runId: "r1" } }))}`);
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as unknown[]).length).toBe(2);
    const missing = await fetch(`${server.baseUrl}/api/trpc/projects.get?input=${encodeURIComponent(JSON.stringify({ entity: "fast", project: "nope" }))}`);
    expect(missing.status).toBe(404);
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/projects`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.text()).toBe("");
  });

  it("refuses a tRPC body over the limit with 413, as Next's route did", async () => {
    const res = await fetch(`${server.baseUrl}/api/trpc/projects.list`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(TRPC_BODY_LIMIT) }),
    });
    expect(res.status).toBe(413);
  });

  it("says so in the W&B client's GraphQL shape", async () => {
    const res = await fetch(`${server.baseUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ nope }" }) });
    const body = (await res.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toBeTruthy();
  });
});

describe("a handler that fails", () => {
  it("answers 500 in JSON before the head is sent, and cuts the connection after", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = http.createServer((req, res) => {
      void serveFetchHandler(req, res, (request) => {
        if (new URL(request.url).pathname === "/before") throw new Error("boom");
        let pulls = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            // The first chunk goes out (and the head with it); the second read fails, as a store read can mid-download.
            if (pulls++ === 0) controller.enqueue(new TextEncoder().encode("partial"));
            else controller.error(new Error("store read failed"));
          },
        });
        return new Response(body, { headers: { "content-type": "text/plain" } });
      });
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    const { port } = failing.address() as { port: number };
    const before = await fetch(`http://127.0.0.1:${port}/before`);
    expect(before.status).toBe(500);
    expect(((await before.json()) as { error: { code: string } }).error.code).toBe("INTERNAL_SERVER_ERROR");
    // Whether or not the head reached the client, the body never completes: a cut download, not a short file.
    await expect(fetch(`http://127.0.0.1:${port}/after`).then((r) => r.text())).rejects.toThrow();
    expect(errors).toHaveBeenCalled();
    failing.closeAllConnections();
    failing.close();
  });
});
