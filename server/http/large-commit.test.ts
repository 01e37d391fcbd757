import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computeManifestDigest } from "../../lib/digest";
import { taskWorkerThreads } from "../workers/tasks";

// Issue 13: a large commit must not hold the event loop. The commit's body is parsed and checked in a worker
// thread, its blobs looked up in batches and its entries inserted in chunks with turns of the loop between
// (docs/architecture.md). Run on SQLite and, with `npm run test:unit:team`, on PostgreSQL.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-large-commit-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
const { handleApiRequest } = await import("./handler");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const BASE = "http://127.0.0.1/api/v1/projects/me/big";
const N = 50_000;

async function call(method: string, url: string, body?: string) {
  const res = await handleApiRequest(new Request(`${BASE}/${url}`, { method, body, headers: { "content-type": "application/json" } }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

async function putBlob(content: string): Promise<{ sha256: string; size: number }> {
  const bytes = Buffer.from(content);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const res = await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/${sha256}`, { method: "PUT", body: bytes, headers: { "content-length": String(bytes.length) } }));
  expect(res.status).toBe(201);
  return { sha256, size: bytes.length };
}

/** References r/0000000 … in a shuffled order (the digest sorts them), and `files` spread among them. */
function manifest(files: { path: string; sha256: string; size: number }[]) {
  const entries: Record<string, unknown>[] = Array.from({ length: N }, (_, i) => ({ path: `r/${String((i * 7919) % N).padStart(7, "0")}`, ref: `s3://b/${i}`, digest: `etag-${i}`, size: i }));
  files.forEach((f, i) => entries.splice(Math.floor(((i + 1) * N) / (files.length + 1)), 0, f));
  return entries;
}

describe("a large commit", () => {
  it("leaves the event loop free: reads answer while it runs, and none sees it half-stored", async () => {
    const files = [await putBlob("one"), await putBlob("two")].map((b, i) => ({ path: `f/${i}.txt`, ...b }));
    const entries = manifest(files);
    let answered = false;
    const commit = call("POST", "artifacts/data/log", JSON.stringify({ type: "dataset", entries })).finally(() => (answered = true));
    // Another user's reads, each on its own turn of the event loop, until the commit answers.
    let readsBeforeAnswer = 0;
    let sawVersion = false;
    while (!answered) {
      await new Promise((resolve) => setImmediate(resolve));
      const versions = await call("GET", "artifacts/data/versions?state=all");
      if (answered) break;
      readsBeforeAnswer++;
      const listed = versions.status === 200 ? (versions.body.versions as { fileCount: number }[]) : [];
      if (listed.length > 0 && !sawVersion) {
        sawVersion = true;
        // Committed (the answer is on its way): every entry is there, never a part of them.
        const m = await call("GET", "artifacts/data/versions/v0/manifest");
        expect(Object.keys(m.body.contents as object)).toHaveLength(N + files.length);
      }
    }
    const res = await commit;
    expect(res.status).toBe(200);
    // Old code: parse, checks and inserts ran in one go, and no read could start until the answer.
    expect(readsBeforeAnswer).toBeGreaterThan(0);
    const { threadId } = await import("node:worker_threads");
    expect(taskWorkerThreads().length).toBeGreaterThan(0);
    expect(taskWorkerThreads()).not.toContain(threadId);
    const all = [...entries.map((e) => ({ path: e.path as string, digest: (e.digest as string | undefined) ?? "" }))];
    const md5 = (s: string) => createHash("md5").update(s).digest("base64");
    for (const e of all) if (e.path.startsWith("f/")) e.digest = md5(e.path === "f/0.txt" ? "one" : "two");
    expect(res.body).toMatchObject({ version: "v0", fileCount: N + files.length, digest: computeManifestDigest(all), created: true });
    // The same contents again: dedup, no second version.
    const again = await call("POST", "artifacts/data/log", JSON.stringify({ type: "dataset", entries: [...entries].reverse() }));
    expect(again.body).toMatchObject({ version: "v0", created: false });
  }, 120_000);

  it("reports the first bad entry in manifest order, as the checks on one thread did, and stores nothing", async () => {
    const entries = manifest([]);
    const missing = "0".repeat(64);
    /** The manifest with a file whose blob was never uploaded at `blobAt` and a bad path at `pathAt`. */
    const withProblems = (blobAt: number, pathAt: number) =>
      entries.map((e, i) => (i === blobAt ? { path: "m.bin", sha256: missing, size: 1 } : i === pathAt ? { ...e, path: "../up" } : e));
    // A missing blob at 30,000 comes before a bad path at 40,000: the blob decides.
    const blobFirst = await call("POST", "artifacts/bad/log", JSON.stringify({ type: "dataset", entries: withProblems(30_000, 40_000) }));
    expect(blobFirst.status).toBe(412);
    expect(blobFirst.body.error?.message).toContain(`the file for "m.bin" (sha256 ${missing}) was not uploaded`);
    // The bad path first: the path decides, although the worker checked it before any blob was looked up.
    const res = await call("POST", "artifacts/bad/log", JSON.stringify({ type: "dataset", entries: withProblems(40_000, 30_000) }));
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe(`invalid path "../up": '..' segments are not allowed`);
    // A zod error found in the worker is the same 400 as on this thread.
    const badSize = await call("POST", "artifacts/bad/log", JSON.stringify({ type: "dataset", entries: entries.map((e, i) => (i === N - 1 ? { ...e, size: -1 } : e)) }));
    expect(badSize.status).toBe(400);
    expect(badSize.body.error?.message).toMatch(new RegExp(`^invalid request: entries\\.${N - 1}\\.size: `));
    expect((await call("GET", "artifacts/bad/versions?state=all")).body.versions ?? []).toEqual([]);
  }, 120_000);
});
