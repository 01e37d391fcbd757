import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JSON_BODY_LIMIT } from "../limits";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-body-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
const { handleApiRequest } = await import("./handler");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const BASE = "http://127.0.0.1/api/v1";
async function call(method: string, url: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await handleApiRequest(new Request(`${BASE}/${url}`, { method, body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit));
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

/** A chunked body (no Content-Length) of `total` bytes; `pulled()` says how much the server read. */
function chunkedBody(total: number, fill = " ") {
  const chunk = new TextEncoder().encode(fill.repeat(1 << 20));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
  return { stream, pulled: () => sent };
}

describe("request bodies", () => {
  it("refuses a body that is not a JSON object with 400, on every route that reads one", async () => {
    const run = await call("POST", "projects/me/demo/runs", "{}");
    const log = await call("POST", "projects/me/demo/artifacts/a/log", JSON.stringify({ type: "d", entries: [{ path: "a", ref: "s3://b/a", digest: "d" }] }));
    expect([run.status, log.status]).toEqual([200, 200]);
    const routes: [string, string][] = [
      ["PATCH", `projects/me/demo/runs/${String(run.body.id)}`],
      ["POST", "projects/me/demo/artifacts/a/versions/v0/aliases"],
      ["POST", "gc"],
      ["POST", "blobs/missing"],
      ["POST", "projects/me/demo/runs"],
      ["POST", "projects/me/demo/use"],
      ["PATCH", "projects/me/demo/artifacts/a/versions/v0"],
      ["POST", "projects/me/demo/artifacts/a/log"],
      ["POST", "projects/me/demo/artifacts/a/cleanup"],
    ];
    for (const [method, url] of routes) {
      for (const body of ["null", "[1]", "3", '"x"', "true"]) {
        const res = await call(method, url, body);
        expect({ method, url, body, status: res.status }).toEqual({ method, url, body, status: 400 });
        expect(res.body.error?.message).toMatch(/must be a JSON object/);
      }
    }
  });

  it("stops reading a chunked JSON body past the limit and answers 413", async () => {
    const body = chunkedBody(64 << 20);
    const res = await call("POST", "gc", body.stream);
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toMatch(/larger than 16 MiB/);
    expect(body.pulled()).toBeLessThanOrEqual(JSON_BODY_LIMIT + (2 << 20));
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const body = chunkedBody(1 << 20);
    const res = await call("POST", "projects/me/demo/runs", body.stream, { "content-length": String(JSON_BODY_LIMIT + 1) });
    expect(res.status).toBe(413);
  });

  it("gives commits a larger limit than ordinary JSON", async () => {
    const body = chunkedBody(JSON_BODY_LIMIT + (1 << 20));
    const res = await call("POST", "projects/me/demo/artifacts/big/log", body.stream);
    // Only whitespace, under the commit limit: read to its end, then refused for missing fields, not as too large.
    expect(res.status).toBe(400);
  });

  it("answers 400 when the body breaks off", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"state": "fin'));
        controller.error(new Error("other side closed"));
      },
    });
    const res = await call("POST", "projects/me/demo/runs", stream);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/could not be read to its end/);
  });
});
