// Event-loop benchmark (issue "A fast request path and a fast log": nothing blocks the event loop for more
// than 50 ms). Starts the built server (`npm start`'s scripts/server.mjs) on a fresh data dir and runs heavy
// workloads one at a time: logging + indexing a 1,000,000-row table, its first sort and first filter, a
// 200,000-entry commit, zip downloads, a cleanup of 1,000 versions. While each runs, a probe sends
// `GET /api/v1/projects` one after another (a 5 ms pause between) and records each round trip: the worst
// and p99 of those is what another user waits during the workload (the probe has a thread of its own, so this
// process's share of a workload, such as receiving a zip, is not counted as the server's). The server also reports its own
// event-loop delay (perf_hooks, ARCA_EVENTLOOP_LOG), the worst 200 ms window of each phase.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { Worker } from "node:worker_threads";
import { startServer } from "./lib.mjs";

const root = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "arca-bench-eventloop");
const port = Number(process.env.BENCH_PORT ?? 3400);
const PARTS = 100;
const ROWS_PER_PART = 10_000;
const COMMIT_ENTRIES = 200_000;
const CLEANUP_VERSIONS = 1_000;
const NS = { entity: "bench", project: "eventloop" };
// BENCH_ONLY=table or BENCH_ONLY=manifest runs one half (the table workloads; the commit, zip and cleanup ones).
const only = process.env.BENCH_ONLY;
const LABELS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

const pct = (xs, q) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]);
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "n/a");

function makeTable(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "parts"), { recursive: true });
  let state = 11;
  const rand = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const columns = ["id", "image", "label", "confidence", "correct"];
  for (let p = 0; p < PARTS; p++) {
    const data = [];
    for (let i = 0; i < ROWS_PER_PART; i++) {
      const id = p * ROWS_PER_PART + i;
      const label = Math.floor(rand() * 10);
      data.push([id, `img_${String(id).padStart(7, "0")}.png`, LABELS[label], Number(rand().toFixed(5)), rand() < 0.9]);
    }
    fs.writeFileSync(path.join(dir, "parts", `table_${p}.table.json`), JSON.stringify({ _type: "table", columns, data }));
  }
  fs.writeFileSync(path.join(dir, "predictions.partitioned-table.json"), JSON.stringify({ _type: "partitioned-table", parts_path: "parts" }));
}

/**
 * Small reads one after another until stopped: what another user sees while a workload runs. In a worker
 * thread with its own event loop, so that this process's work for the workload (receiving a 7.8 MB zip,
 * building a 15 MB body) does not count as the server's.
 */
const PROBE = `
const { parentPort } = require("node:worker_threads");
let running = false;
parentPort.on("message", async (msg) => {
  if (msg.stop) return void (running = false);
  running = true;
  let errors = 0;
  const times = [];
  while (running) {
    const start = performance.now();
    try {
      const res = await fetch(msg.url + "/api/v1/projects");
      await res.arrayBuffer();
    } catch {
      // A kept-alive connection the server closed as the request went out (undici: "other side closed"):
      // counted with its time, and the next read opens a new one.
      errors++;
    }
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 5));
  }
  parentPort.postMessage({ times, errors });
});
`;
/** One probe thread for the whole run: warm (its connection and fetch compiled) before the first phase. */
let probe;

async function startProbe(url) {
  if (!probe) {
    probe = new Worker(PROBE, { eval: true });
    probe.unref();
    await new Promise((r) => setTimeout(r, 50));
    const warm = await startProbe(url);
    await new Promise((r) => setTimeout(r, 300));
    await warm();
  }
  const done = new Promise((resolve, reject) => {
    probe.once("message", (msg) => {
      probe.off("error", reject);
      resolve(msg);
    });
    probe.once("error", reject);
  });
  probe.postMessage({ url });
  return async () => {
    probe.postMessage({ stop: true });
    const { times, errors } = await done;
    if (errors > 0) console.log(`(${errors} probe reads failed: connection closed by the server)`);
    return times;
  };
}

/** The server's own event-loop delay: the worst 200 ms window between `from` and `to` (epoch ms). */
function serverDelay(logFile, from, to) {
  if (!fs.existsSync(logFile)) return NaN;
  let worst = NaN;
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    const [at, max] = line.split(" ").map(Number);
    if (at >= from && at <= to + 250) worst = Number.isFinite(worst) ? Math.max(worst, max) : max;
  }
  return worst;
}

const rows = [];
async function phase(server, logFile, label, work) {
  const stop = await startProbe(server.url);
  const from = Date.now();
  const start = performance.now();
  const detail = await work();
  const took = performance.now() - start;
  const times = await stop();
  await new Promise((r) => setTimeout(r, 300)); // let the server write its last window
  rows.push(
    `| ${label} | ${ms(took)} | ${times.length} | ${ms(pct(times, 0.5))} | ${ms(pct(times, 0.99))} | ${ms(Math.max(...times))} | ${ms(serverDelay(logFile, from, Date.now()))} | ${detail ?? ""} |`,
  );
  console.log(rows.at(-1));
}

async function trpcQuery(url, proc, input) {
  const res = await fetch(`${url}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = await res.json();
  if (!res.ok) throw new Error(`${proc}: ${JSON.stringify(body.error?.message ?? body)}`);
  return body.result.data;
}

async function post(url, pathname, body) {
  const res = await fetch(`${url}${pathname}`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${pathname}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const trpcMutation = async (url, proc, input) => (await post(url, `/api/trpc/${proc}`, input)).result.data;
const artifacts = `/api/v1/projects/${NS.entity}/${NS.project}/artifacts`;

async function download(url, pathname) {
  const res = await fetch(`${url}${pathname}`);
  if (!res.ok) throw new Error(`GET ${pathname}: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function referenceEntries(count, tag) {
  // Short strings: 200,000 entries stay under the 16 MiB a JSON body may have.
  return Array.from({ length: count }, (_, i) => ({ path: `r/${i}`, ref: `s3://b/${i}`, digest: `${tag}-${i}`, size: 1000 + i }));
}

/** The CLI as a child process, awaited without blocking this process (the probe keeps running). */
function runAsync(args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { ...opts, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} failed (${code}): ${stderr}`))));
  });
}

async function main() {
  fs.mkdirSync(root, { recursive: true });
  console.log(`# event-loop benchmark in ${root} (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`);
  const src = path.join(root, "table");
  if (only !== "manifest") makeTable(src);
  const logFile = path.join(root, "eventloop.log");
  fs.rmSync(logFile, { force: true });
  const server = await startServer({ port, dataDir: path.join(root, "arca-data"), asNpmStart: true, env: { ARCA_EVENTLOOP_LOG: logFile } });
  const cli = { env: { ...process.env, ARCA_BASE_URL: server.url, ARCA_ENTITY: NS.entity, ARCA_PROJECT: NS.project } };
  const ref = { ...NS, name: "table", version: "v0", path: "predictions.partitioned-table.json" };
  try {
    console.log("");
    console.log("| workload | its time | probe reads | p50 | p99 | worst | server event-loop delay, worst | |");
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
    // The floor: the same probe with no workload (on a shared machine, other processes' load shows here too).
    await phase(server, logFile, "idle (no workload, 3 s)", () => new Promise((r) => setTimeout(r, 3000)));
    if (only !== "manifest") await tableWorkloads(server, logFile, src, cli, ref);
    if (only !== "table") await manifestWorkloads(server, logFile);
  } finally {
    server.stop();
  }
}

async function tableWorkloads(server, logFile, src, cli, ref) {
  await phase(server, logFile, `log a ${(PARTS * ROWS_PER_PART).toLocaleString("en-US")}-row table (CLI)`, async () => {
    await runAsync(["cli/bin.mjs", "log", src, "--name", "table", "--type", "evaluation", "--json"], cli);
  });
  let status;
  await phase(server, logFile, "first open of the table → ready", async () => {
    for (status = await trpcQuery(server.url, "tables.status", ref); status.state === "building"; status = await trpcQuery(server.url, "tables.status", ref)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (status.state !== "ready") throw new Error(JSON.stringify(status));
    return `build ${status.buildMs} ms`;
  });
  const page = (input) => trpcQuery(server.url, "tables.page", { ...ref, offset: 0, limit: 50, filters: [], ...input });
  await phase(server, logFile, "first sort (float column)", () => page({ sort: { column: 3, desc: false } }).then(() => ""));
  await phase(server, logFile, "first sort (text column)", () => page({ sort: { column: 1, desc: true } }).then(() => ""));
  await phase(server, logFile, "first filter (label = seven)", () => page({ filters: [{ column: 2, op: "eq", value: "seven" }] }).then((p) => `${p.total} rows`));
  await phase(server, logFile, "filter + sort (correct = true, by confidence)", () =>
    page({ filters: [{ column: 4, op: "eq", value: "true" }], sort: { column: 3, desc: true } }).then((p) => `${p.total} rows`),
  );
  await phase(server, logFile, "zip of the table version (101 files)", () => download(server.url, `${artifacts}/table/versions/v0/zip`));
}

async function manifestWorkloads(server, logFile) {
  const body = JSON.stringify({ type: "dataset", entries: referenceEntries(COMMIT_ENTRIES, "big") });
  await phase(server, logFile, `commit of ${COMMIT_ENTRIES.toLocaleString("en-US")} entries (POST …/log)`, async () => {
    await post(server.url, `${artifacts}/big/log`, body);
    return `${(body.length / 1e6).toFixed(0)} MB of JSON`;
  });
  await phase(server, logFile, "zip of that version (REFERENCES.txt)", () => download(server.url, `${artifacts}/big/versions/v0/zip`));

  for (let i = 0; i < CLEANUP_VERSIONS; i++) await post(server.url, `${artifacts}/many/log`, { type: "dataset", entries: referenceEntries(20, `v${i}`) });
  const req = { ...NS, collection: "many", keepNewest: 0, includeDrafts: false };
  await phase(server, logFile, `cleanup of ${CLEANUP_VERSIONS - 1} versions (preview + job)`, async () => {
    const preview = await trpcQuery(server.url, "cleanup.preview", req);
    let job = await trpcMutation(server.url, "cleanup.start", { ...req, expectedVersions: preview.totalVersions + preview.totalDrafts });
    while (job.state === "queued" || job.state === "running") {
      await new Promise((r) => setTimeout(r, 50));
      job = await trpcQuery(server.url, "cleanup.status", { ...NS, jobId: job.id });
    }
    return `${job.result?.deleted ?? job.error} deleted`;
  });
}

await main();
