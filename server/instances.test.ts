import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { Api, Artifact } from "@/sdk/index";
import { twoInstancesPerSuite } from "./testing/instances";

// Two Arca instances, each a process of its own (no shared in-process lock or cache), on one PostgreSQL
// database and one s3rver bucket (issue 11): 16 writers split across them, a cleanup and a GC on one
// while the other serves reads and writes. Afterwards: indexes unique and dense, nothing lost, every
// committed version byte-identical through either instance.
const postgresUrl = inject("postgresUrl");
const NS = { entity: "team", project: "shared" };
const WRITERS = 16;
const WRITES = 5;

async function post(url: string, route: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/api/v1/${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A tRPC call over HTTP, as the pages make it (no transformer: plain JSON). */
async function trpc<T>(url: string, procedure: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const res =
    kind === "query"
      ? await fetch(`${url}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await fetch(`${url}/api/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`${procedure}: HTTP ${res.status} ${JSON.stringify(body.error)}`);
  return body.result.data;
}

async function log(url: string, name: string, files: Record<string, string>): Promise<string> {
  const artifact = new Artifact(name, "dataset");
  for (const [file, content] of Object.entries(files)) artifact.newFile(file, content);
  await artifact.save({ baseUrl: url, ...NS });
  return artifact.version!;
}

async function contents(url: string, ref: string): Promise<Record<string, string>> {
  const artifact = await new Api({ baseUrl: url, ...NS }).artifact(ref);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-instance-dl-"));
  try {
    await artifact.download(dir);
    const out: Record<string, string> = {};
    for (const file of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) out[path.relative(dir, path.join(file.parentPath, file.name))] = fs.readFileSync(path.join(file.parentPath, file.name), "utf8");
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function ageBlobs(url: string, ms: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("update blobs set created_at = created_at - $1, leased_until = null", [ms]);
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresUrl)("two instances on one PostgreSQL database and one bucket", () => {
  const world = twoInstancesPerSuite({ postgresUrl: postgresUrl!, prefix: "instances" });
  it("keeps indexes dense and every version intact under 16 writers, a cleanup and a GC", async () => {
    const { a, b, schema } = world;
    // Old versions for the cleanup to delete; one file's content comes back in the new versions, so GC
    // races writers that are told the server already has that blob.
    const reused = "a file both old and new versions hold\n";
    for (let i = 0; i < 6; i++) await log(i % 2 ? a.url : b.url, "old", { "data.txt": `old ${i}\n`, "shared.txt": reused });
    // Their blobs were uploaded hours ago, as far as GC can tell: past its grace period and leases.
    await ageBlobs(schema.url, 2 * 60 * 60 * 1000);

    const expected = new Map<string, Record<string, string>>();
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < WRITES; i++) {
        const files = { "data.txt": `writer ${w} write ${i}\n`, "shared.txt": reused };
        expected.set(await log(w % 2 ? a.url : b.url, "shared", files), files);
      }
    });
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const res = await fetch(`${b.url}/api/v1/projects/${NS.entity}/${NS.project}/artifacts/shared/versions?limit=50`);
        expect([200, 404]).toContain(res.status); // 404 until the first version exists
        await res.arrayBuffer();
        reads++;
      }
    })();
    const maintenance = (async () => {
      const cleanup = await post(a.url, `projects/${NS.entity}/${NS.project}/artifacts/old/cleanup`, { keepNewest: 1 });
      const gc = await post(a.url, "gc", { dryRun: false });
      return { cleanup, gc };
    })();
    await Promise.all(writers);
    writing = false;
    const [{ cleanup, gc }] = await Promise.all([maintenance, reader]);

    expect((cleanup.versions as unknown[]).length).toBe(4); // 6 old versions: latest is aliased, keepNewest 1 of the other 5
    expect(gc.blobsDeleted).toBeGreaterThanOrEqual(1); // at least the deleted versions' own data.txt blobs
    expect(reads).toBeGreaterThan(0);

    const indexes = [...expected.keys()].map((v) => Number(v.slice(1))).sort((x, y) => x - y);
    expect(indexes).toEqual(Array.from({ length: WRITERS * WRITES }, (_, i) => i));
    for (const [version, files] of expected) {
      // Read back through the instance that did not write it, half the time, and the other otherwise.
      expect(await contents(Number(version.slice(1)) % 2 ? a.url : b.url, `shared:${version}`)).toEqual(files);
    }
    // The surviving old versions lost nothing to the GC either.
    expect(await contents(b.url, "old:latest")).toEqual({ "data.txt": "old 5\n", "shared.txt": reused });
  });

  it("runs a project cleanup on one instance while the other shows its progress, and one GC for two requests", async () => {
    const { a, b, schema } = world;
    for (let i = 0; i < 30; i++) await log(i % 2 ? a.url : b.url, "bulk", { "data.txt": `bulk ${i}\n` });
    const req = { ...NS, collection: "bulk", keepNewest: 0, includeDrafts: false };
    const preview = await trpc<{ totalVersions: number }>(b.url, "cleanup.preview", req, "query");
    expect(preview.totalVersions).toBe(29); // latest is aliased
    type Job = { id: string; state: string; done: number; total: number; owner: string | null; result: { deleted: number; skipped: number } | null };
    const job = await trpc<Job>(a.url, "cleanup.start", { ...req, expectedVersions: 29 }, "mutation");
    // Polled on the instance that did not start it, as a page behind a load balancer without sticky sessions would.
    const seen = new Set<string>();
    let status = job;
    while (status.state === "queued" || status.state === "running") {
      seen.add(status.state);
      await new Promise((r) => setTimeout(r, 20));
      status = await trpc<Job>(b.url, "cleanup.status", { ...NS, jobId: job.id }, "query");
    }
    expect(status).toMatchObject({ state: "succeeded", done: 29, total: 29, result: { deleted: 29, skipped: 0 } });
    expect(status.owner).toMatch(/:/); // claimed by one instance's runner, named in the row
    const left = await fetch(`${a.url}/api/v1/projects/${NS.entity}/${NS.project}/artifacts/bulk/versions?limit=50`).then((r) => r.json() as Promise<{ versions: unknown[] }>);
    expect(left.versions).toHaveLength(1);

    // Two GCs asked at once of the two instances: one job runs, both answer its result.
    await ageBlobs(schema.url, 2 * 60 * 60 * 1000);
    const [gcA, gcB] = await Promise.all([post(a.url, "gc", { dryRun: false }), post(b.url, "gc", { dryRun: false })]);
    expect(gcA.blobsDeleted).toBeGreaterThanOrEqual(29);
    expect(gcB).toEqual(gcA);
  });
});
