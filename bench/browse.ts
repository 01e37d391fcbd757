// Versions grid benchmark (issue 3): 1,000 collections, 100,000 versions in one of them.
// Times the grid service (what the tRPC procedure runs) against the bare keyset query through the
// database driver (ctx.sql), in the same process and on the same database.
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

// Rows go in with explicit ids (the database is new), in bulk statements through the driver.
async function generate() {
  const now = Date.UTC(2026, 0, 1);
  const projectId = 1;
  const bigId = 1;
  await ctx.sql.transaction(async (tx) => {
    await tx.run("insert into projects (id, entity, name, created_at, updated_at) values (?, ?, ?, ?, ?)", [projectId, ns.entity, ns.project, now, now]);
    const collections = [[bigId, projectId, "huge-model", "model", VERSIONS, VERSIONS, VERSIONS * 1000, now, now]];
    for (let i = 1; i < COLLECTIONS; i++) collections.push([i + 1, projectId, `dataset-${String(i).padStart(4, "0")}`, i % 3 === 0 ? "model" : "dataset", 1, 1, 1000, now, now]);
    await tx.runMany(
      "insert into collections (id, project_id, name, type, next_version_index, version_count, total_size, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      collections,
    );
    const runIds = Array.from({ length: RUNS }, (_, r) => r + 1);
    await tx.runMany(
      "insert into runs (id, project_id, run_id, name, job_type, state, created_at, updated_at) values (?, ?, ?, ?, 'train', 'finished', ?, ?)",
      runIds.map((id, r) => [id, projectId, `run${r}`, `train-${r}`, now, now]),
    );
    const versions: (string | number)[][] = [];
    const edges: (string | number)[][] = [];
    const aliases: (string | number)[][] = [];
    for (let v = 0; v < VERSIONS; v++) {
      const t = now + v * 1000;
      const id = v + 1;
      versions.push([id, bigId, v, `digest${v}`, 1000 + (v % 997), JSON.stringify({ epoch: v, acc: (v % 100) / 100 }), t, t, t]);
      edges.push([runIds[v % RUNS]!, id, "logged", t]);
      if (v % 7 === 0) edges.push([runIds[(v + 1) % RUNS]!, id, "used", t]);
      if (v % 1000 === 0) aliases.push([bigId, id, `epoch-${v}`, t]);
    }
    aliases.push([bigId, VERSIONS, "latest", now]);
    await tx.runMany(
      `insert into versions (id, collection_id, version_index, state, digest, size, file_count, metadata, created_at, updated_at, committed_at)
       values (?, ?, ?, 'COMMITTED', ?, ?, 3, ?, ?, ?, ?)`,
      versions,
    );
    await tx.runMany("insert into run_edges (run_id, version_id, kind, created_at) values (?, ?, ?, ?)", edges);
    await tx.runMany("insert into aliases (collection_id, version_id, alias, created_at) values (?, ?, ?, ?)", aliases);
  });
  if (ctx.sql.dialect === "sqlite") await ctx.sql.run("pragma optimize");
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>, n = 50): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return stats(samples);
}

const fmt = (s: { p50: number; p95: number }) => `p50 ${s.p50.toFixed(2).padStart(6)} ms  p95 ${s.p95.toFixed(2).padStart(6)} ms`;

console.log(`# versions grid benchmark (${os.cpus().length} cores): ${COLLECTIONS.toLocaleString("en-US")} collections, ${VERSIONS.toLocaleString("en-US")} versions in one`);
const g = Date.now();
await generate();
console.log(`generated in ${((Date.now() - g) / 1000).toFixed(1)} s\n`);

const raw = (order: "desc" | "asc") => () =>
  ctx.sql.all(`select * from versions where collection_id = 1 and state = 'COMMITTED' order by version_index ${order}, id ${order} limit 50`);
const rawFirst = raw("desc");
const rawLast = raw("asc");
const grid = (q: GridQuery) => () => versionsGrid(ctx, ns, "huge-model", { limit: 50, ...q });

const check = await versionsGrid(ctx, ns, "huge-model", { page: "last", limit: 50 });
if (check.rows[0]?.version !== "v49" || check.total !== VERSIONS) throw new Error(`last page is wrong: ${check.rows[0]?.version} of ${check.total}`);

const rows: [string, { p50: number; p95: number }, { p50: number; p95: number } | null][] = [
  ["grid, first page", await time(grid({ page: "first" })), await time(rawFirst)],
  ["grid, last page", await time(grid({ page: "last" })), await time(rawLast)],
  ["grid, page after the middle", await time(grid({ page: `after:${Buffer.from(JSON.stringify([50_000, 50_001, 49_999])).toString("base64url")}` })), null],
  ["grid, sorted by size, first page", await time(grid({ sort: "size" })), null],
  ["grid, sorted by size, last page", await time(grid({ sort: "size", page: "last" })), null],
  ["grid, filter no alias, last page", await time(grid({ alias: "without", page: "last" })), null],
  ["project page, 1,000 collections, first 100", await time(() => searchCollections(ctx, ns, { limit: 100 })), null],
  ["project page, search 'dataset-09'", await time(() => searchCollections(ctx, ns, { q: "dataset-09", limit: 100 })), null],
];
for (const [label, ours, base] of rows) {
  const ratio = base ? `  raw query ${fmt(base)}  ratio p95 ${(ours.p95 / base.p95).toFixed(1)}x` : "";
  console.log(`${label.padEnd(44)} ${fmt(ours)}${ratio}`);
}
console.log("\ntarget: grid p95 < 10 ms for the first and the last page (50 requests each, in-process service time)");
if (process.env.KEEP) { console.log(dir); process.exit(0); }
await ctx.sql.close();
fs.rmSync(dir, { recursive: true, force: true });
