// Table benchmark (issue "Tables and partitioned tables in a paged grid"):
//   a partitioned table of 1,000,000 rows in 100 parts, logged through the CLI; indexing time
//   against one read + JSON.parse of the same files; first / random / sorted page latency
//   (p50/p95, HTTP round trip of the tRPC `tables.page` query as the browser makes it, so an upper
//   bound of server time); server RSS during and after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, startServer, treeRss } from "./lib.mjs";

const root = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "arca-bench-tables");
const port = Number(process.env.BENCH_PORT ?? 3201);
const PARTS = 100;
const ROWS_PER_PART = 10_000;
const SAMPLES = 200;
const LABELS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

function makeTable(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "parts"), { recursive: true });
  let state = 7;
  const rand = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let p = 0; p < PARTS; p++) {
    const data = [];
    for (let i = 0; i < ROWS_PER_PART; i++) {
      const id = p * ROWS_PER_PART + i;
      const truth = Math.floor(rand() * 10);
      const predicted = rand() < 0.9 ? truth : Math.floor(rand() * 10);
      data.push([id, `img_${String(id).padStart(7, "0")}.png`, LABELS[truth], LABELS[predicted], Number(rand().toFixed(4)), predicted === truth, { logits_max: Number((rand() * 12).toFixed(3)) }]);
    }
    const columns = ["id", "image", "label", "prediction", "confidence", "correct", "extra"];
    fs.writeFileSync(path.join(dir, "parts", `table_${p}.table.json`), JSON.stringify({ _type: "table", columns, data }));
  }
  fs.writeFileSync(path.join(dir, "predictions.partitioned-table.json"), JSON.stringify({ _type: "partitioned-table", parts_path: "parts" }));
}

function readAndParseOnce(dir) {
  const start = performance.now();
  let rows = 0;
  for (let p = 0; p < PARTS; p++) rows += JSON.parse(fs.readFileSync(path.join(dir, "parts", `table_${p}.table.json`), "utf8")).data.length;
  if (rows !== PARTS * ROWS_PER_PART) throw new Error("generated table has the wrong size");
  return performance.now() - start;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function trpc(url, proc, input) {
  const res = await fetch(`${url}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = await res.json();
  if (!res.ok) throw new Error(`${proc}: ${JSON.stringify(body.error?.message ?? body)}`);
  return body.result.data;
}

async function timedPages(url, ref, makeInput) {
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const input = { ...ref, limit: 50, filters: [], ...makeInput(i) };
    const start = performance.now();
    const page = await trpc(url, "tables.page", input);
    times.push(performance.now() - start);
    if (page.rows.length === 0) throw new Error("empty page");
  }
  return `p50 ${fmt(pct(times, 0.5))}, p95 ${fmt(pct(times, 0.95))}`;
}

async function main() {
  fs.mkdirSync(root, { recursive: true });
  const src = path.join(root, "src");
  console.log(`# tables benchmark in ${root} (${os.cpus().length} cores)`);
  console.log(`generating ${PARTS} parts × ${ROWS_PER_PART.toLocaleString("en-US")} rows …`);
  makeTable(src);
  const bytes = fs.readdirSync(path.join(src, "parts")).reduce((sum, f) => sum + fs.statSync(path.join(src, "parts", f)).size, 0);
  const baseline = median([readAndParseOnce(src), readAndParseOnce(src), readAndParseOnce(src)]);

  const server = await startServer({ port, dataDir: path.join(root, "arca-data") });
  try {
    run(process.execPath, ["cli/bin.mjs", "log", src, "--name", "bench-table", "--type", "evaluation", "--json"], {
      env: { ...process.env, ARCA_BASE_URL: server.url, ARCA_ENTITY: "bench", ARCA_PROJECT: "tables" },
    });
    const ref = { entity: "bench", project: "tables", name: "bench-table", version: "v0", path: "predictions.partitioned-table.json" };
    const rssBefore = treeRss(server.child.pid);
    let peak = rssBefore;
    const start = performance.now();
    let status = await trpc(server.url, "tables.status", ref);
    while (status.state !== "ready") {
      peak = Math.max(peak, treeRss(server.child.pid));
      await new Promise((r) => setTimeout(r, 50));
      status = await trpc(server.url, "tables.status", ref);
    }
    const wall = performance.now() - start;
    peak = Math.max(peak, treeRss(server.child.pid));

    const first = await timedPages(server.url, ref, () => ({ offset: 0 }));
    const random = await timedPages(server.url, ref, () => ({ offset: Math.floor(Math.random() * (status.rows - 50)) }));
    const last = await timedPages(server.url, ref, () => ({ offset: status.rows - 50 }));
    const firstSortStart = performance.now();
    await trpc(server.url, "tables.page", { ...ref, offset: 0, limit: 50, filters: [], sort: { column: 4, desc: false } });
    const firstSort = performance.now() - firstSortStart;
    peak = Math.max(peak, treeRss(server.child.pid));
    const sorted = await timedPages(server.url, ref, (i) => ({ offset: Math.floor(Math.random() * (status.rows - 50)), sort: { column: 4, desc: i % 2 === 1 } }));
    const filter = { column: 2, op: "eq", value: "seven" };
    const firstFilterStart = performance.now();
    const filtered = await trpc(server.url, "tables.page", { ...ref, offset: 0, limit: 50, filters: [filter] });
    const firstFilter = performance.now() - firstFilterStart;
    const filteredPages = await timedPages(server.url, ref, () => ({ offset: Math.floor(Math.random() * (filtered.total - 50)), filters: [filter] }));
    const rssAfter = treeRss(server.child.pid);
    peak = Math.max(peak, rssAfter);

    const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
    console.log("");
    console.log(`| measure | result |`);
    console.log(`| --- | --- |`);
    console.log(`| table | ${(PARTS * ROWS_PER_PART).toLocaleString("en-US")} rows, ${PARTS} parts, ${mb(bytes)} of JSON |`);
    console.log(`| baseline: read + JSON.parse every part once (median of 3) | ${fmt(baseline)} |`);
    console.log(`| indexing, server time (build only) | ${fmt(status.buildMs)} = **${(status.buildMs / baseline).toFixed(2)}×** the baseline |`);
    console.log(`| indexing, first open to ready as the client sees it (polling 50 ms) | ${fmt(wall)} = ${(wall / baseline).toFixed(2)}× |`);
    console.log(`| first page (offset 0, 50 rows) | ${first} |`);
    console.log(`| random page (50 rows) | ${random} |`);
    console.log(`| last page | ${last} |`);
    console.log(`| first sort of a column (confidence, float) | ${fmt(firstSort)} |`);
    console.log(`| sorted page, random offset, asc/desc | ${sorted} |`);
    console.log(`| first filter (label = seven, ${filtered.total.toLocaleString("en-US")} matches) | ${fmt(firstFilter)} |`);
    console.log(`| filtered page, random offset | ${filteredPages} |`);
    console.log(`| server RSS (all processes): before open / peak / after | ${mb(rssBefore)} / ${mb(peak)} / ${mb(rssAfter)} |`);
  } finally {
    server.stop();
  }
}

await main();
