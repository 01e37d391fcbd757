import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { startTestApiServer } from "../testing/api-server";
import { serveFetchHandler } from "../http/node-adapter";
import { handleTrpcRequest } from "./fetch-handler";
import { serveTrpcQuery } from "./node-handler";

// The Node-native query path must answer exactly what tRPC's own fetch adapter answers. One server
// serves both: /fast/… through serveTrpcQuery (marking the requests it hands back to the adapter),
// /ref/… through the adapter alone.
const api = await startTestApiServer();
const server = http.createServer((req, res) => {
  const fast = req.url!.startsWith("/fast/");
  req.url = req.url!.slice(fast ? 5 : 4);
  const reference = () => serveFetchHandler(req, res, handleTrpcRequest, { rawUploads: false });
  if (!fast) return void reference();
  void serveTrpcQuery(req, res, () => {
    res.setHeader("x-test-fallback", "1");
    return reference();
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await api.close();
});

const ns = { entity: "node", project: "handler" };
const q = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

async function both(path: string, init: RequestInit = {}) {
  const [fast, ref] = await Promise.all([fetch(`${base}/fast${path}`, init), fetch(`${base}/ref${path}`, init)]);
  return {
    fallback: fast.headers.get("x-test-fallback") === "1",
    fast: { status: fast.status, type: fast.headers.get("content-type"), vary: fast.headers.get("vary"), body: await fast.text() },
    ref: { status: ref.status, type: ref.headers.get("content-type"), vary: ref.headers.get("vary"), body: await ref.text() },
  };
}

describe("tRPC queries without the fetch adapter", () => {
  it("answers queries, batches and their errors byte for byte as tRPC's adapter does", async () => {
    await fetch(`${api.baseUrl}/api/v1/projects/${ns.entity}/${ns.project}/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "r1" }) });
    const cases = [
      "/api/trpc/projects.list",
      `/api/trpc/projects.get?${q(ns)}`,
      `/api/trpc/projects.get?${q({ ...ns, project: "nope" })}`, // 404
      `/api/trpc/projects.get?${q({ entity: "" })}`, // input refused: 400 with the validation issues
      `/api/trpc/projects.get,runs.get?batch=1&${q({ 0: ns, 1: { ...ns, runId: "r1" } })}`,
      `/api/trpc/projects.get,runs.get?batch=1&${q({ 0: ns, 1: { ...ns, runId: "missing" } })}`, // 207: one ok, one 404
      `/api/trpc/runs.get,runs.get?batch=1&${q({ 0: { ...ns, runId: "x" }, 1: { ...ns, runId: "y" } })}`, // both 404
      "/api/trpc/projects.list?batch=1",
    ];
    for (const path of cases) {
      const { fallback, fast, ref } = await both(path);
      expect(fallback, path).toBe(false);
      expect(fast, path).toEqual(ref);
    }
    const statuses = await Promise.all(cases.map(async (path) => (await both(path)).fast.status));
    expect(statuses).toEqual([200, 200, 404, 400, 200, 207, 404, 200]);
  });

  it("hands everything else to tRPC's adapter, which answers it", async () => {
    const cases: [string, RequestInit?][] = [
      ["/api/trpc/nope.nothing"], // unknown procedure: NOT_FOUND in tRPC's words
      ["/api/trpc/projects.list,nope?batch=1"],
      ["/api/trpc/constructor"],
      [`/api/trpc/versions.update?${q({})}`], // a mutation asked by GET: 405
      ["/api/trpc/projects.get?input=%7Bnot-json"], // malformed input
      ["/api/trpc/projects.get,projects.get?batch=1&input=%5B1%5D"], // a batch whose input is not an object
      ["/api/trpc/projects.list", { headers: { "trpc-accept": "application/jsonl" } }],
      ["/api/trpc/projects.list", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
    ];
    for (const [path, init] of cases) {
      const { fallback, fast, ref } = await both(path, init);
      expect(fallback, path).toBe(true);
      expect(fast, path).toEqual(ref);
      expect(fast.status, path).not.toBe(200); // 207 for the batch whose second call is unknown
    }
  });
});
