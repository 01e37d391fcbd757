// Compare and cleanup at the scale, in-process (no HTTP): two versions of 100,000 entries
// each, and a collection of 100,000 versions. Rows are inserted with SQL (logging them through the
// services would time the logging, not this). Run: node --import tsx bench/manage.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServiceContext } from "../server/context";
import { stopJobRunner } from "../server/services/jobs/queue";
import { getCleanupJob, listCleanupCandidates, previewCleanup, startCleanup } from "../server/services/artifacts/cleanup-project";
import { compareVersions, listFileChanges } from "../server/services/artifacts/compare";

const N = 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-manage-"));
const ctx = createServiceContext(dir);
const ns = { entity: "bench", project: "manage" };
const now = Date.now() - 86_400_000;

async function time<T>(label: string, fn: () => Promise<T>, runs = 5): Promise<T> {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${label} | median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms |`);
  return result;
}

const sha = (i: number) => i.toString(16).padStart(64, "0");
// Rows go in with explicit ids (the database is new), in bulk statements through the driver.
await ctx.sql.transaction(async (tx) => {
  await tx.run("insert into projects (id, entity, name, created_at, updated_at) values (1, ?, ?, ?, ?)", [ns.entity, ns.project, now, now]);
  await tx.runMany("insert into collections (id, project_id, name, type, created_at, updated_at, next_version_index, version_count) values (?, 1, ?, 'dataset', ?, ?, ?, ?)", [
    [1, "big-files", now, now, 2, 2],
    [2, "many-versions", now, now, N, N],
  ]);
  await tx.runMany(
    "insert into blobs (sha256, size, md5, created_at) values (?, ?, ?, ?)",
    Array.from({ length: 3 * N + 10 }, (_, i) => [sha(i), 1000 + (i % 100), `md5-${i}`, now]),
  );
  const versions: (string | number)[][] = [
    [1, 1, 0, "digest-a", 0, N, now, now, now],
    [2, 1, 1, "digest-b", 0, N, now, now, now],
  ];
  const entries: (string | number)[][] = [];
  const aliases: (string | number)[][] = [];
  for (let i = 0; i < N; i++) {
    const p = `data/shard-${String(i).padStart(6, "0")}.bin`;
    // B: every 100th file removed, every 100th (offset 50) changed, and 1,000 new files.
    entries.push([1, p, `d${i}`, 1000, sha(i)]);
    if (i % 100 === 0) continue;
    const changed = i % 100 === 50;
    entries.push([2, p, changed ? `d${i}x` : `d${i}`, changed ? 1100 : 1000, changed ? sha(N + i) : sha(i)]);
  }
  for (let i = 0; i < 1000; i++) entries.push([2, `extra/new-${i}.bin`, `n${i}`, 500, sha(2 * N + (i % 10))]);
  // 100,000 versions, one own file each plus one shared file; every 1,000th has an alias.
  for (let i = 0; i < N; i++) {
    const id = i + 3;
    versions.push([id, 2, i, `v-${i}`, 2000, 2, now + i, now + i, now + i]);
    entries.push([id, "own.bin", `o${i}`, 1000, sha(2 * N + 10 + i)]);
    entries.push([id, "shared.bin", "s", 1000, sha(2 * N + 1)]);
    if (i % 1000 === 0) aliases.push([id, `keep-${i}`, now]);
  }
  await tx.runMany(
    "insert into versions (id, collection_id, version_index, state, digest, size, file_count, created_at, updated_at, committed_at) values (?, ?, ?, 'COMMITTED', ?, ?, ?, ?, ?, ?)",
    versions,
  );
  await tx.runMany("insert into entries (version_id, path, digest, size, blob_sha256) values (?, ?, ?, ?, ?)", entries);
  await tx.runMany("insert into aliases (collection_id, version_id, alias, created_at) values (2, ?, ?, ?)", aliases);
});
console.log(`seeded in ${dir}\n`);
console.log("| operation (100,000 entries per version / 100,000 versions) | time |\n| --- | --- |");

const summary = await time("compare: summary (two 100k-entry versions)", async () => (await compareVersions(ctx, ns, "big-files", "v0", "v1")).summary);
console.log(`  ${JSON.stringify(summary)}`);
await time("compare: first page of 100 changes", () => listFileChanges(ctx, ns, "big-files", "v0", "v1", { limit: 100 }), 20);
await time("compare: page in the middle (cursor at shard-050000)", () => listFileChanges(ctx, ns, "big-files", "v0", "v1", { cursor: "data/shard-050000.bin", limit: 100 }), 20);
await time("compare: first page of `added` (all after 100k unchanged paths)", () => listFileChanges(ctx, ns, "big-files", "v0", "v1", { filter: "added", limit: 100 }), 5);
const criteria = { keepNewest: 5, includeDrafts: false };
const preview = await time("cleanup: project-wide dry run (100k versions)", () => previewCleanup(ctx, ns, {}, criteria), 3);
console.log(`  ${preview.totalVersions} versions, ${preview.bytesFreed} bytes freed`);
await time("cleanup: first page of candidates", () => listCleanupCandidates(ctx, ns, {}, criteria, { limit: 50 }), 20);
await time("cleanup: deep page of candidates (cursor at v10)", () => listCleanupCandidates(ctx, ns, {}, criteria, { cursor: "many-versions:committed:10", limit: 50 }), 20);

const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const job = await startCleanup(ctx, ns, {}, criteria, preview.totalVersions + preview.totalDrafts, "bench");
let status = job;
let longestGap = 0;
let last = performance.now();
// How long the event loop was blocked by one batch: the longest gap between 1 ms ticks.
const ticker = setInterval(() => {
  const t = performance.now();
  longestGap = Math.max(longestGap, t - last);
  last = t;
}, 1);
while (status.state === "queued" || status.state === "running") {
  await new Promise((r) => setTimeout(r, 50)); // what the page's poll does, a little more often
  status = await getCleanupJob(ctx, { ...ns, id: job.id });
}
clearInterval(ticker);
console.log(
  `| cleanup: apply ${status.result?.deleted} deletions in batches of 100 | ${((performance.now() - start) / 1000).toFixed(1)} s; longest event-loop block ${longestGap.toFixed(0)} ms; RSS +${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MiB |`,
);
await stopJobRunner(ctx);
await ctx.sql.close();
fs.rmSync(dir, { recursive: true, force: true });
