import type { APIRequestContext } from "@playwright/test";
import { createHash } from "node:crypto";

/** Seeding through the HTTP API (docs/api.md), as any client would: upload the bytes, then commit a manifest. */
export interface Ns {
  entity: string;
  project: string;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  if (!res.ok()) throw new Error(`${res.url()} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function putFile(request: APIRequestContext, path: string, content: string | Buffer) {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const digest = createHash("md5").update(bytes).digest("base64");
  await ok(await request.put(`/api/v1/blobs/${sha256}`, { data: bytes, headers: { "x-arca-md5": digest, "content-type": "application/octet-stream" } }));
  return { path, sha256, digest, size: bytes.length };
}

type Body = Record<string, unknown>;
const base = (ns: Ns) => `/api/v1/projects/${ns.entity}/${ns.project}`;

export async function logVersion(request: APIRequestContext, ns: Ns, name: string, body: Body) {
  return ok<{ version: string; id: number }>(await request.post(`${base(ns)}/artifacts/${name}/log`, { data: { aliases: [], ...body } }));
}

export async function upsert(request: APIRequestContext, ns: Ns, name: string, body: Body) {
  return ok<{ id: number; ref: string }>(await request.post(`${base(ns)}/artifacts/${name}/upsert`, { data: { aliases: [], ...body } }));
}

export async function createRun(request: APIRequestContext, ns: Ns, body: Body) {
  return ok<{ id: string }>(await request.post(`${base(ns)}/runs`, { data: body }));
}

export async function listVersions(request: APIRequestContext, ns: Ns, name: string) {
  return ok<{ versions: { version: string }[] }>(await request.get(`${base(ns)}/artifacts/${name}/versions?limit=100`));
}

/** The demo project, and its API paths (`demoApi("/runs")`). */
export const demo: Ns = { entity: "demo", project: "mnist-pipeline" };
export const demoApi = (path: string) => `/api/v1/projects/${demo.entity}/${demo.project}${path}`;

/** A demo version's database id (lineage node ids are `version:<id>`). */
export async function demoVersionId(request: APIRequestContext, name: string, selector: string): Promise<number> {
  return (await ok<{ id: number }>(await request.get(demoApi(`/artifacts/${name}/versions/${selector}`)))).id;
}
