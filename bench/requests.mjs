// `npm run bench -- requests`: what Arca's request path costs (issue 13). Starts Arca as `npm start` runs it
// (scripts/server.mjs) on a seeded data dir, and a bare node:http server in its own process that answers
// the very bytes Arca answered for each URL. Then, one request at a time over a kept-alive socket
// (alternating the two servers), p50/p95 per URL; and at 16 connections, requests/s for 8 s per URL.
// Prints numbers, asserts nothing. Needs a build (`npm run bench` builds if needed).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startServer } from "./lib.mjs";

const SAMPLES = Number(process.env.SAMPLES ?? 400);
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const CONNECTIONS = 16;
const ARCA_PORT = 3977;
const BARE_PORT = 3978;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-requests-"));
const seed = spawnSync(process.execPath, ["--import", "tsx", "bench/requests-seed.ts", dataDir], { stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const input = (value) => `input=${encodeURIComponent(JSON.stringify(value))}`;
const ns = { entity: "bench", project: "requests" };
const urls = {
  "GET /api/v1/projects": "/api/v1/projects",
  "GET /api/v1 versions (50)": "/api/v1/projects/bench/requests/artifacts/model/versions?limit=50",
  "GET /api/v1 100-byte file": "/api/v1/projects/bench/requests/artifacts/model/versions/v7/files/weights.txt",
  "tRPC projects.list": `/api/trpc/projects.list?${input({})}`,
  "tRPC versions page (50)": `/api/trpc/collections.versions?${input({ ...ns, name: "model", query: { limit: 50 } })}`,
  "tRPC version": `/api/trpc/versions.get?${input({ ...ns, name: "model", version: "latest" })}`,
  "GET /icon.svg": "/icon.svg",
};

const arca = await startServer({ port: ARCA_PORT, dataDir, env: { ARCA_DEMO: "0" }, asNpmStart: true, keepDir: true });
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function get(port, url) {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: url, agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

// The bare server answers what Arca answered, byte for byte, with the same content type.
const replies = {};
for (const url of Object.values(urls)) {
  const r = await get(ARCA_PORT, url);
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${r.body.toString().slice(0, 200)}`);
  replies[url.split("?")[0]] = { type: r.headers["content-type"], body: r.body.toString("base64") };
}
const repliesFile = path.join(dataDir, "replies.json");
fs.writeFileSync(repliesFile, JSON.stringify(replies));
const bareSource = `
const http = require("node:http");
const replies = Object.fromEntries(Object.entries(require(${JSON.stringify(repliesFile)})).map(([k, v]) => [k, { type: v.type, body: Buffer.from(v.body, "base64") }]));
http.createServer((req, res) => {
  const r = replies[req.url.split("?")[0]];
  res.writeHead(200, { "content-type": r.type, "content-length": r.body.length });
  res.end(r.body);
}).listen(${BARE_PORT}, "127.0.0.1", () => process.send("up"));`;
const bare = spawn(process.execPath, ["-e", bareSource], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
await new Promise((resolve) => bare.once("message", resolve));

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function latency(url) {
  for (let i = 0; i < 50; i++) await Promise.all([get(ARCA_PORT, url), get(BARE_PORT, url)]);
  const times = { arca: [], bare: [] };
  for (let i = 0; i < SAMPLES; i++) {
    for (const side of i % 2 ? ["arca", "bare"] : ["bare", "arca"]) times[side].push((await get(side === "arca" ? ARCA_PORT : BARE_PORT, url)).ms);
  }
  return times;
}

async function throughput(port, url) {
  const until = Date.now() + LOAD_SECONDS * 1000;
  const times = [];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) times.push((await get(port, url)).ms);
    }),
  );
  return { rps: times.length / LOAD_SECONDS, p50: pct(times, 50) };
}

const f = (ms) => `${ms.toFixed(2).padStart(6)} ms`;
console.log(`# request path (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}): one request at a time, ${SAMPLES} per server, Arca vs a bare node:http server answering the same bytes`);
for (const [label, url] of Object.entries(urls)) {
  const t = await latency(url);
  const [a50, a95, b50, b95] = [pct(t.arca, 50), pct(t.arca, 95), pct(t.bare, 50), pct(t.bare, 95)];
  console.log(`${label.padEnd(28)} Arca p50 ${f(a50)} p95 ${f(a95)} | bare p50 ${f(b50)} p95 ${f(b95)} | ratio p50 ${(a50 / b50).toFixed(2)}x p95 ${(a95 / b95).toFixed(2)}x`);
}
console.log("target: p50 ratio <= 1.5x, p95 ratio <= 2x for every API call\n");

console.log(`# ${CONNECTIONS} connections, ${LOAD_SECONDS} s each (load ${os.loadavg()[0].toFixed(1)})`);
const bareSmall = await throughput(BARE_PORT, "/api/v1/projects");
console.log(`${"bare server, small fixed reply".padEnd(28)} ${bareSmall.rps.toFixed(0).padStart(6)} req/s  p50 ${f(bareSmall.p50)}`);
for (const label of ["tRPC versions page (50)", "GET /api/v1 versions (50)", "GET /api/v1 100-byte file"]) {
  const r = await throughput(ARCA_PORT, urls[label]);
  console.log(`${label.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${f(r.p50)}  = ${(r.rps / bareSmall.rps).toFixed(3)}x the bare server's small reply`);
}
console.log("target: tRPC versions page at 16 connections >= 5x the issue's 281 req/s (1,405 req/s)");

agent.destroy();
bare.kill();
arca.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
