import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-http-"));
process.env.ARCA_DATA_DIR = dataDir;
const { handleApiRequest } = await import("./handler");

const BASE = "http://127.0.0.1/api/v1";
async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { "content-type": "application/json", ...headers } };
  if (body !== undefined) init.body = typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
  const res = await handleApiRequest(new Request(`${BASE}/${url}`, init));
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // raw bytes
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
  return { status: res.status, body: parsed as Record<string, any> };
}

async function upload(content: string) {
  const bytes = Buffer.from(content);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const digest = createHash("md5").update(bytes).digest("base64");
  const res = await call("PUT", `blobs/${sha256}`, bytes, { "content-length": String(bytes.length), "x-arca-md5": digest });
  expect(res.status).toBe(201);
  return { sha256, digest, size: bytes.length };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("HTTP API", () => {
  it("logs, reads, downloads and lists a version through the documented endpoints", async () => {
    const run = await call("POST", "projects/me/demo/runs", { jobType: "train", name: "first" });
    expect(run.status).toBe(200);
    const blob = await upload("meow");
    expect((await call("POST", "blobs/missing", { blobs: [{ sha256: blob.sha256, size: 4 }] })).body).toEqual({ missing: [] });
    const logged = await call("POST", "projects/me/demo/artifacts/cats/log", {
      type: "dataset",
      runId: run.body.id,
      aliases: ["best"],
      metadata: { n: 1 },
      entries: [{ path: "cat.txt", ...blob }],
    });
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({ ref: "me/demo/cats:v0", version: "v0", state: "COMMITTED", created: true });
    const byAlias = await call("GET", "projects/me/demo/artifacts/cats/versions/best");
    expect(byAlias.body.digest).toBe(logged.body.digest);
    const file = await call("GET", "projects/me/demo/artifacts/cats/versions/v0/files/cat.txt");
    expect(file).toMatchObject({ status: 200, body: "meow" });
    const files = await call("GET", "projects/me/demo/artifacts/cats/versions/latest/files");
    expect(files.body.entries).toEqual([{ path: "cat.txt", digest: blob.digest, size: 4, sha256: blob.sha256 }]);
    const lineage = await call("GET", "projects/me/demo/artifacts/cats/versions/v0/lineage");
    expect(lineage.body.loggedBy[0].id).toBe(run.body.id);
    const resolved = await call("GET", "projects/other/x/resolve?ref=me/demo/cats:best");
    expect(resolved.body.ref).toBe("me/demo/cats:v0");
    const projects = await call("GET", "projects");
    expect(projects.body.projects[0]).toMatchObject({ entity: "me", project: "demo", collections: 1, versions: 1 });
  });

  it("maps every refusal to its status and a readable message", async () => {
    const blob = await upload("dog");
    const entry = { path: "dog.txt", ...blob };
    const cases: [string, string, string, unknown, number, RegExp][] = [
      ["bad name", "POST", "projects/me/demo/artifacts/bad%20name/log", { type: "dataset", entries: [entry] }, 400, /invalid artifact name/],
      ["bad path", "POST", "projects/me/demo/artifacts/dogs/log", { type: "dataset", entries: [{ ...entry, path: "../x" }] }, 400, /'\.\.'/],
      ["unknown ref", "GET", "projects/me/demo/artifacts/cats/versions/v99", undefined, 404, /does not exist/],
      ["type clash", "POST", "projects/me/demo/artifacts/cats/log", { type: "model", entries: [entry] }, 409, /already exists as type/],
      ["alias v3", "POST", "projects/me/demo/artifacts/cats/versions/v0/aliases", { alias: "v3" }, 400, /version index/],
      ["unknown endpoint", "GET", "nope", undefined, 404, /no API endpoint/],
      ["schema", "POST", "projects/me/demo/artifacts/dogs/log", { entries: "x" }, 400, /invalid request/],
      ["Infinity", "POST", "projects/me/demo/artifacts/dogs/log", '{"type":"d","metadata":{"x":Infinity},"entries":[]}', 400, /Infinity/],
      ["huge metadata", "POST", "projects/me/demo/artifacts/dogs/log", { type: "d", metadata: { x: "y".repeat(1 << 20) }, entries: [entry] }, 413, /1 MiB/],
      ["aliased delete", "DELETE", "projects/me/demo/artifacts/cats/versions/v0", undefined, 409, /still has aliases `latest`, `best`/],
      ["bad sha", "PUT", `blobs/${"0".repeat(64)}`, "abc", 422, /SHA-256/],
    ];
    for (const [label, method, url, body, status, message] of cases) {
      const headers: Record<string, string> = method === "PUT" ? { "content-length": "3" } : {};
      const res = await call(method, url, body, headers);
      expect({ label, status: res.status }).toEqual({ label, status });
      expect(res.body.error.message, label).toMatch(message);
    }
  });

  it("accepts NaN as Python writes it, stored as null", async () => {
    const blob = await upload("nan");
    const res = await call("POST", "projects/me/demo/artifacts/nan/log", `{"type":"d","metadata":{"loss":NaN,"s":"NaN"},"entries":[{"path":"a","digest":"${blob.digest}","size":3,"sha256":"${blob.sha256}"}]}`);
    expect(res.body.metadata).toEqual({ loss: null, s: "NaN" });
  });

  it("refuses a stale edit with 412", async () => {
    const v = await call("GET", "projects/me/demo/artifacts/cats/versions/v0");
    expect((await call("PATCH", "projects/me/demo/artifacts/cats/versions/v0", { description: "a", expectedRevision: v.body.revision })).status).toBe(200);
    const stale = await call("PATCH", "projects/me/demo/artifacts/cats/versions/v0", { description: "b", expectedRevision: v.body.revision });
    expect(stale.status).toBe(412);
    const history = await call("GET", "projects/me/demo/artifacts/cats/versions/v0/history", undefined, { "x-arca-actor": "ada" });
    expect(history.body.edits[0]).toMatchObject({ action: "description", after: "a" });
  });
});
