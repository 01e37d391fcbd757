import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-trpc-http-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
const { handleTrpcRequest } = await import("./fetch-handler");
const { getServiceContext } = await import("../context");
const { logArtifact } = await import("../services/artifacts/log");
const { createRun } = await import("../services/runs/runs");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const ns = { entity: "me", project: "keys" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
type Answer = { status: number; body: any; text: string };

async function send(req: Request): Promise<Answer> {
  const res = await handleTrpcRequest(req);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, text };
}
const query = (proc: string, input: unknown) =>
  send(new Request(`http://127.0.0.1/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`));
const mutate = (proc: string, body: BodyInit) =>
  send(new Request(`http://127.0.0.1/api/trpc/${proc}`, { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit));

// Keys superjson refused (500 on every read of the version) and `__proto__`, which an assignment would swallow.
const tricky = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "prototype": {"x": 1}, "n": 1}') as Record<string, unknown>;

describe("tRPC over HTTP", () => {
  it("treats constructor, prototype and __proto__ as ordinary metadata and config keys", async () => {
    const ctx = getServiceContext();
    await createRun(ctx, ns, { id: "r1", config: tricky });
    await logArtifact(ctx, ns, "a", { type: "d", aliases: [], metadata: tricky, runId: "r1", entries: [{ path: "x", ref: "s3://b/x", digest: "d", size: 0, extra: tricky }] });
    const version = await query("versions.get", { ...ns, name: "a", version: "v0" });
    expect(version.status).toBe(200);
    expect(version.body.result.data.metadata).toEqual(tricky);
    expect(version.text).toContain('"__proto__":{"polluted":1}');
    const grid = await query("collections.versions", { ...ns, name: "a", query: {} });
    expect(grid.status).toBe(200);
    const run = await query("runs.get", { ...ns, runId: "r1" });
    expect(run.body.result.data.config).toEqual(tricky);
    expect((await query("runs.list", ns)).status).toBe(200);
    const files = await query("files.list", { ...ns, name: "a", version: "v0" });
    expect(files.text).toContain('"__proto__":{"polluted":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses metadata nested deeper than 64 levels with 400 that says so", async () => {
    const deep = `${'{"a":'.repeat(2500)}1${"}".repeat(2500)}`;
    const res = await mutate("versions.update", `{"entity":"me","project":"keys","name":"a","version":"v0","change":{"metadata":${deep}}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/metadata is nested 2500 levels deep; the limit is 64/);
  });

  it("answers garbage input with 400 and a message of its own, never a parser's or 'Maximum call stack'", async () => {
    const garbage = [
      await send(new Request("http://127.0.0.1/api/trpc/versions.get?input=%7Bnot-json")),
      await send(new Request("http://127.0.0.1/api/trpc/versions.get?batch=1&input=%7B%220%22%3A%5B")),
      await query("versions.get", { json: null, meta: { values: { "": ["map"] }, referentialEqualities: { "": ["a.b"], "a.b": [""] } } }),
      await mutate("versions.update", '{"json":{"entity":1},"meta":{"values":{"json":["undefined"]}}}'),
    ];
    for (const res of garbage) {
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/Maximum call stack|Unexpected token|JSON at position|stack/);
    }
    expect(garbage[0]!.body.error.message).toMatch(/input must be JSON/);
    expect(garbage[2]!.body.error.message).toMatch(/^invalid input: /);
  });

  it("hides an unexpected error behind 'internal error' and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = () => new TypeError("secret detail of a bug");
    const ctx = getServiceContext();
    vi.spyOn(ctx.sql, "all").mockImplementation(() => Promise.reject(bug()));
    vi.spyOn(ctx.sql, "get").mockImplementation(() => Promise.reject(bug()));
    const res = await query("projects.list", undefined);
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe("internal error: the server logged the details");
    expect(res.text).not.toContain("secret detail");
    expect(log).toHaveBeenCalled();
  });

  it("says the disk is full with 507", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const full = () => Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const ctx = getServiceContext();
    vi.spyOn(ctx.sql, "transaction").mockImplementation(() => Promise.reject(full()));
    const res = await mutate("versions.update", JSON.stringify({ ...ns, name: "a", version: "v0", change: { description: "x" } }));
    expect(res.status).toBe(507);
    expect(res.body.error.message).toBe("the server's disk is full: free space in the data directory and retry");
  });

  it("stops reading a body past the tRPC limit and answers 413", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(" ".repeat(1 << 20));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64 << 20) return controller.close();
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      },
    });
    const res = await mutate("versions.update", stream);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than 2 MiB/);
    expect(sent).toBeLessThan(8 << 20);
  });
});
