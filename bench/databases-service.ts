// The in-process half of bench/databases.mjs (issue 11), run as
//   node --import tsx bench/databases-service.ts seed <dataDir>
//   node --import tsx bench/databases-service.ts time <dataDir> [postgres://…]
// `seed` writes 1,000 collections with 100,000 versions in one, 50 runs and their lineage into the data
// dir's SQLite file; `time` prints one JSON line of service times (ms per call) on SQLite, or on the
// PostgreSQL database the URL names (a copy made by `arca admin migrate-to-postgres`).
import { createServiceContext } from "../server/context";
import { versionsGrid } from "../server/services/artifacts/grid";
import { getNeighbourhood } from "../server/services/lineage/neighbourhood";
import { getTablePage } from "../server/services/tables/query";
import { openBlobStore } from "../server/storage/open-blob-store";

export const NS = { entity: "bench", project: "db" };
export const COLLECTIONS = 1_000;
export const VERSIONS = 100_000;
const RUNS = 50;
// A p95 of sub-millisecond calls needs many samples: at 200, ten calls decide it and it swings 2x between runs.
const SAMPLES = 1_000;

const [command, dataDir, databaseUrl] = process.argv.slice(2);
if (!dataDir || (command !== "seed" && command !== "time")) {
  console.error("usage: databases-service.ts seed|time DATA_DIR [postgres://…]");
  process.exit(2);
}
const ctx = createServiceContext(dataDir, openBlobStore(dataDir, { kind: "local" }), { databaseUrl });

async function seed(): Promise<void> {
  const now = Date.UTC(2026, 0, 1);
  await ctx.sql.transaction(async (tx) => {
    await tx.run("insert into projects (id, entity, name, created_at, updated_at) values (1, ?, ?, ?, ?)", [NS.entity, NS.project, now, now]);
    await tx.runMany(
      "insert into collections (id, project_id, name, type, next_version_index, version_count, total_size, created_at, updated_at) values (?, 1, ?, ?, ?, ?, ?, ?, ?)",
      Array.from({ length: COLLECTIONS }, (_, i) =>
        i === 0
          ? [1, "huge-model", "model", VERSIONS, VERSIONS, VERSIONS * 1000, now, now]
          : [i + 1, `dataset-${String(i).padStart(4, "0")}`, i % 3 === 0 ? "model" : "dataset", 1, 1, 1000, now, now],
      ),
    );
    await tx.runMany(
      "insert into runs (id, project_id, run_id, name, job_type, state, created_at, updated_at) values (?, 1, ?, ?, 'train', 'finished', ?, ?)",
      Array.from({ length: RUNS }, (_, r) => [r + 1, `run${r}`, `train-${r}`, now, now]),
    );
    const versions: (string | number)[][] = [];
    const edges: (string | number)[][] = [];
    const aliases: (string | number)[][] = [];
    for (let v = 0; v < VERSIONS; v++) {
      const t = now + v * 1000;
      const id = v + 1;
      versions.push([id, v, `digest${v}`, 1000 + (v % 997), JSON.stringify({ epoch: v, acc: (v % 100) / 100 }), t, t, t]);
      edges.push([1 + (v % RUNS), id, "logged", t]);
      if (v % 7 === 0) edges.push([1 + ((v + 1) % RUNS), id, "used", t]);
      if (v % 1000 === 0) aliases.push([id, `epoch-${v}`, t]);
    }
    aliases.push([VERSIONS, "latest", now]);
    await tx.runMany(
      `insert into versions (id, collection_id, version_index, state, digest, size, file_count, metadata, created_at, updated_at, committed_at)
       values (?, 1, ?, 'COMMITTED', ?, ?, 3, ?, ?, ?, ?)`,
      versions,
    );
    await tx.runMany("insert into run_edges (run_id, version_id, kind, created_at) values (?, ?, ?, ?)", edges);
    await tx.runMany("insert into aliases (collection_id, version_id, alias, created_at) values (1, ?, ?, ?)", aliases);
  });
}

function stats(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

/** The cases both this script and the HTTP half time: what each procedure is given. */
export const CASES = {
  gridFirst: { ...NS, name: "huge-model", query: { page: "first", limit: 50 } },
  gridLast: { ...NS, name: "huge-model", query: { page: "last", limit: 50 } },
  lineage: (i: number) => ({ ...NS, start: `version:${1 + ((i * 7919) % VERSIONS)}`, upstream: 2, downstream: 2 }),
  tablePage: (i: number) => ({ ...NS, name: "eval-table", version: "v0", path: "predictions.table.json", offset: (i * 37) % 9_950, limit: 50, filters: [] }),
};

async function timeAll(): Promise<void> {
  const check = await versionsGrid(ctx, NS, "huge-model", { page: "last", limit: 50 });
  if (check.rows[0]?.version !== "v49" || check.total !== VERSIONS) throw new Error(`last page is wrong: ${check.rows[0]?.version} of ${check.total}`);
  const { entity, project, ...lineage } = CASES.lineage(0);
  if ((await getNeighbourhood(ctx, { entity, project }, lineage)).nodes.length < 2) throw new Error("the lineage neighbourhood is empty");
  // The table's index is built on its first open (in the background): wait for it, as a user would.
  for (let tries = 0; ; tries++) {
    try {
      await getTablePage(ctx, CASES.tablePage(0));
      break;
    } catch (error) {
      if (tries > 600 || (error as { code?: string }).code !== "CONFLICT") throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const out = {
    gridFirst: await time(() => versionsGrid(ctx, NS, "huge-model", CASES.gridFirst.query)),
    gridLast: await time(() => versionsGrid(ctx, NS, "huge-model", CASES.gridLast.query)),
    lineage: await time((i) => {
      const { entity, project, ...options } = CASES.lineage(i);
      return getNeighbourhood(ctx, { entity, project }, options);
    }),
    tablePage: await time((i) => getTablePage(ctx, CASES.tablePage(i))),
  };
  console.log(JSON.stringify(out));
}

if (command === "seed") await seed();
else await timeAll();
await ctx.sql.close();
