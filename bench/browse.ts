// Versions grid benchmark (issue 3): 1,000 collections, 100,000 versions in one of them.
// Times the grid service (what the tRPC procedure runs) against the bare keyset query on
// better-sqlite3, in the same process and on the same database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServiceContext } from "@/server/context";
import { searchCollections } from "@/server/services/artifacts/collection-search";
import { versionsGrid, type GridQuery } from "@/server/services/artifacts/grid";

const COLLECTIONS = 1_000;
const VERSIONS = 100_000;
const RUNS = 50;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-browse-"));
const ctx = createServiceContext(dir);
const ns = { entity: "bench", project: "big" };

function generate() {
  const { sqlite } = ctx;
  const now = Date.UTC(2026, 0, 1);
  sqlite.transaction(() => {
    const projectId = Number(sqlite.prepare("insert into projects (entity, name, created_at, updated_at) values (?, ?, ?, ?)").run(ns.entity, ns.project, now, now).lastInsertRowid);
    const addCollection = sqlite.prepare(
      "insert into collections (project_id, name, type, next_version_index, version_count, total_size, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const bigId = Number(addCollection.run(projectId, "huge-model", "model", VERSIONS, VERSIONS, VERSIONS * 1000, now, now).lastInsertRowid);
    for (let i = 1; i < COLLECTIONS; i++) addCollection.run(projectId, `dataset-${String(i).padStart(4, "0")}`, i % 3 === 0 ? "model" : "dataset", 1, 1, 1000, now, now);
    const runIds: number[] = [];
    const addRun = sqlite.prepare("insert into runs (project_id, run_id, name, job_type, state, created_at, updated_at) values (?, ?, ?, 'train', 'finished', ?, ?)");
    for (let r = 0; r < RUNS; r++) runIds.push(Number(addRun.run(projectId, `run${r}`, `train-${r}`, now, now).lastInsertRowid));
    const addVersion = sqlite.prepare(
      `insert into versions (collection_id, version_index, state, digest, size, file_count, metadata, created_at, updated_at, committed_at)
       values (?, ?, 'COMMITTED', ?, ?, 3, ?, ?, ?, ?)`,
    );
    const addEdge = sqlite.prepare("insert into run_edges (run_id, version_id, kind, created_at) values (?, ?, ?, ?)");
    const addAlias = sqlite.prepare("insert into aliases (collection_id, version_id, alias, created_at) values (?, ?, ?, ?)");
    for (let v = 0; v < VERSIONS; v++) {
      const t = now + v * 1000;
      const id = Number(addVersion.run(bigId, v, `digest${v}`, 1000 + (v % 997), JSON.stringify({ epoch: v, acc: (v % 100) / 100 }), t, t, t).lastInsertRowid);
      addEdge.run(runIds[v % RUNS], id, "logged", t);
      if (v % 7 === 0) addEdge.run(runIds[(v + 1) % RUNS], id, "used", t);
      if (v % 1000 === 0) addAlias.run(bigId, id, `epoch-${v}`, t);
    }
    addAlias.run(bigId, VERSIONS, "latest", now);
  })();
  sqlite.pragma("optimize");
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

function time(fn: () => unknown, n = 50): { p50: number; p95: number } {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return stats(samples);
}

const fmt = (s: { p50: number; p95: number }) => `p50 ${s.p50.toFixed(2).padStart(6)} ms  p95 ${s.p95.toFixed(2).padStart(6)} ms`;

console.log(`# versions grid benchmark (${os.cpus().length} cores): ${COLLECTIONS.toLocaleString("en-US")} collections, ${VERSIONS.toLocaleString("en-US")} versions in one`);
const g = Date.now();
generate();
console.log(`generated in ${((Date.now() - g) / 1000).toFixed(1)} s\n`);

const raw = (order: "desc" | "asc") =>
  ctx.sqlite.prepare(`select * from versions where collection_id = 1 and state = 'COMMITTED' order by version_index ${order}, id ${order} limit 50`);
const rawFirst = raw("desc");
const rawLast = raw("asc");
const grid = (q: GridQuery) => () => versionsGrid(ctx, ns, "huge-model", { limit: 50, ...q });

const check = versionsGrid(ctx, ns, "huge-model", { page: "last", limit: 50 });
if (check.rows[0]?.version !== "v49" || check.total !== VERSIONS) throw new Error(`last page is wrong: ${check.rows[0]?.version} of ${check.total}`);

const rows: [string, { p50: number; p95: number }, { p50: number; p95: number } | null][] = [
  ["grid, first page", time(grid({ page: "first" })), time(() => rawFirst.all())],
  ["grid, last page", time(grid({ page: "last" })), time(() => rawLast.all())],
  ["grid, page after the middle", time(grid({ page: `after:${Buffer.from(JSON.stringify([50_000, 50_001, 49_999])).toString("base64url")}` })), null],
  ["grid, sorted by size, first page", time(grid({ sort: "size" })), null],
  ["grid, sorted by size, last page", time(grid({ sort: "size", page: "last" })), null],
  ["grid, filter no alias, last page", time(grid({ alias: "without", page: "last" })), null],
  ["project page, 1,000 collections, first 100", time(() => searchCollections(ctx, ns, { limit: 100 })), null],
  ["project page, search 'dataset-09'", time(() => searchCollections(ctx, ns, { q: "dataset-09", limit: 100 })), null],
];
for (const [label, ours, base] of rows) {
  const ratio = base ? `  raw better-sqlite3 ${fmt(base)}  ratio p95 ${(ours.p95 / base.p95).toFixed(1)}x` : "";
  console.log(`${label.padEnd(44)} ${fmt(ours)}${ratio}`);
}
console.log("\ntarget: grid p95 < 10 ms for the first and the last page (50 requests each, in-process service time)");
if (process.env.KEEP) { console.log(dir); process.exit(0); }
ctx.sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
