// SQLite vs PostgreSQL (issue 11), in one run:
// 1. 1,000 collections with 100,000 versions in one, 50 runs and their lineage (bench/databases-service.ts
//    seeds SQLite), plus a 10,000-row table logged through the SDK; then `arca admin migrate-to-postgres`
//    copies it into a throwaway PostgreSQL database (server/testing/postgres.ts starts the local cluster).
// 2. Versions grid first/last page, a lineage neighbourhood and a table page, p50/p95: in process
//    (the services) and over HTTP (the tRPC procedures the pages call, `npm start`'s server), on each.
// 3. 16 writers logging versions of one collection as fast as they can, on one instance vs two instances
//    (two ports) over one PostgreSQL database and one s3rver bucket; then the versions are checked:
//    indexes unique and dense, every version's file byte-identical.
// Targets: PostgreSQL p95 within 3x of SQLite; two instances >= 0.9x the logs/s of one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { startS3rver, startServer } from "./lib.mjs";

const root = process.env.BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-db-"));
const port = Number(process.env.BENCH_PORT ?? 3231);
const NS = { entity: "bench", project: "db" };
const TABLE_ROWS = 10_000;
const HTTP_SAMPLES = 200;
const WRITERS = 16;
const WRITES_PER_WRITER = Number(process.env.BENCH_WRITES ?? 25);

const { startTestPostgres } = await tsImport("../server/testing/postgres.ts", import.meta.url);
const sdk = await tsImport("../sdk/index.ts", import.meta.url);

function service(args, env = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/databases-service.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`databases-service ${args[0]} failed: ${r.stderr}`);
  return r.stdout.trim().split("\n").at(-1);
}

function cli(args, env) {
  const r = spawnSync(process.execPath, ["cli/bin.mjs", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`arca ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const stats = (xs) => ({ p50: pct(xs, 0.5), p95: pct(xs, 0.95) });

const httpCases = {
  gridFirst: () => ["collections.versions", { ...NS, name: "huge-model", query: { page: "first", limit: 50 } }],
  gridLast: () => ["collections.versions", { ...NS, name: "huge-model", query: { page: "last", limit: 50 } }],
  lineage: (i) => ["lineage.neighbourhood", { ...NS, start: `version:${1 + ((i * 7919) % 100_000)}`, upstream: 2, downstream: 2 }],
  tablePage: (i) => ["tables.page", { ...NS, name: "eval-table", version: "v0", path: "predictions.table.json", offset: (i * 37) % (TABLE_ROWS - 50), limit: 50, filters: [] }],
};

async function httpTimes(url) {
  const out = {};
  for (const [name, make] of Object.entries(httpCases)) {
    const call = async (i) => {
      const [proc, input] = make(i);
      const t = performance.now();
      const res = await fetch(`${url}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${proc}: HTTP ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < 20; i++) await call(i);
    const samples = [];
    for (let i = 0; i < HTTP_SAMPLES; i++) samples.push(await call(i));
    out[name] = stats(samples);
  }
  return out;
}

function tableJson() {
  const labels = ["cat", "dog", "bird", "fish"];
  const data = Array.from({ length: TABLE_ROWS }, (_, i) => [i, labels[i % 4], Number(((i * 7919) % 1000) / 1000), i % 3 === 0]);
  return JSON.stringify({ _type: "table", columns: ["id", "label", "confidence", "correct"], data });
}

/** 16 writers, each logging WRITES_PER_WRITER versions of one collection; writer w talks to urls[w % urls.length]. */
async function writers(urls, collection) {
  const start = performance.now();
  const expected = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < WRITES_PER_WRITER; i++) {
        const content = `writer ${w} write ${i} ${"x".repeat(200)}\n`;
        const artifact = new sdk.Artifact(collection, "dataset");
        artifact.newFile("data.txt", content);
        await artifact.save({ baseUrl: urls[w % urls.length], ...NS });
        expected.push({ version: artifact.version, content });
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { logsPerSecond: (WRITERS * WRITES_PER_WRITER) / seconds, seconds, expected };
}

async function verify(url, collection, expected) {
  const api = new sdk.Api({ baseUrl: url, ...NS });
  const indexes = [];
  for (const { version, content } of expected) {
    const artifact = await api.artifact(`${collection}:${version}`);
    const dir = fs.mkdtempSync(path.join(root, "verify-"));
    await artifact.download(dir);
    if (fs.readFileSync(path.join(dir, "data.txt"), "utf8") !== content) throw new Error(`${collection}:${version} does not hold what was logged`);
    fs.rmSync(dir, { recursive: true, force: true });
    indexes.push(Number(version.slice(1)));
  }
  indexes.sort((a, b) => a - b);
  if (indexes.some((v, i) => v !== i)) throw new Error(`${collection}: version indexes are not unique and dense: ${indexes.join(",")}`);
}

const fmt = (s) => `p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
const labels = { gridFirst: "versions grid, first page", gridLast: "versions grid, last page", lineage: "lineage neighbourhood (2 up, 2 down)", tablePage: "table page (50 rows)" };

console.log(`# SQLite vs PostgreSQL (${os.cpus().length} cores) in ${root}`);
const postgres = startTestPostgres();
if (!postgres) throw new Error("no PostgreSQL here: install Debian's postgresql and run as root, or set ARCA_TEST_DATABASE_URL");
const children = [];
try {
  const dataDir = path.join(root, "data");
  fs.rmSync(dataDir, { recursive: true, force: true });
  service(["seed", dataDir]);
  const seeding = await startServer({ port, dataDir, asNpmStart: true, keepDir: true });
  try {
    const table = new sdk.Artifact("eval-table", "evaluation");
    table.newFile("predictions.table.json", tableJson());
    await table.save({ baseUrl: seeding.url, ...NS });
  } finally {
    seeding.stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
  cli(["admin", "migrate-to-postgres", postgres.url], { ARCA_DATA_DIR: dataDir });

  const inProcess = { sqlite: JSON.parse(service(["time", dataDir])), postgres: JSON.parse(service(["time", dataDir, postgres.url])) };
  const overHttp = {};
  for (const [name, env] of [["sqlite", {}], ["postgres", { ARCA_DATABASE_URL: postgres.url }]]) {
    const server = await startServer({ port, dataDir, asNpmStart: true, keepDir: true, env });
    try {
      overHttp[name] = await httpTimes(server.url);
    } finally {
      server.stop();
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  console.log("\n| at 100,000 versions | SQLite | PostgreSQL | p95 ratio (target ≤ 3x) |\n| --- | --- | --- | --- |");
  for (const [where, figures] of [["in process", inProcess], ["HTTP", overHttp]]) {
    for (const key of Object.keys(labels)) {
      const [s, p] = [figures.sqlite[key], figures.postgres[key]];
      console.log(`| ${labels[key]}, ${where} | ${fmt(s)} | ${fmt(p)} | ${(p.p95 / s.p95).toFixed(2)}x |`);
    }
  }

  // 16 writers: one instance, then two, on one PostgreSQL database and one bucket.
  const writersDb = startTestPostgres();
  const s3 = await startS3rver(path.join(root, "s3"), port + 3);
  children.push(s3);
  const s3env = {
    ARCA_DATABASE_URL: writersDb.url,
    ARCA_STORAGE: "s3://arca/bench", // the bucket bench/s3rver.mjs creates
    AWS_ENDPOINT_URL: s3.endpoint,
    AWS_REGION: "us-east-1",
    ARCA_S3_FORCE_PATH_STYLE: "1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  };
  const instances = [];
  for (const i of [0, 1]) {
    const server = await startServer({ port: port + 1 + i, dataDir: path.join(root, `instance-${i}`), asNpmStart: true, env: s3env });
    instances.push(server);
    children.push(server);
  }
  const one = await writers([instances[0].url], "one-instance");
  const two = await writers(instances.map((s) => s.url), "two-instances");
  await verify(instances[1].url, "one-instance", one.expected);
  await verify(instances[0].url, "two-instances", two.expected);
  console.log(`\n| ${WRITERS} writers, ${WRITERS * WRITES_PER_WRITER} versions of one collection (PostgreSQL + s3rver) | logs/s |\n| --- | --- |`);
  console.log(`| one instance | ${one.logsPerSecond.toFixed(1)} |`);
  console.log(`| two instances (writers split) | ${two.logsPerSecond.toFixed(1)} (${(two.logsPerSecond / one.logsPerSecond).toFixed(2)}x of one; target ≥ 0.9x) |`);
  console.log("both collections: indexes unique and dense, every version's file byte-identical (read back through the other instance)");
  // The instances first: their job runners would report the database gone.
  for (const server of instances) await server.stop();
  await writersDb.stop();
} finally {
  for (const child of children.reverse()) await child.stop();
  await postgres.stop();
  if (!process.env.BENCH_DIR) fs.rmSync(root, { recursive: true, force: true });
}
