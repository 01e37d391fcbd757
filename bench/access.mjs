// The per-request cost of the access check: the same API calls on a local-mode server (no key,
// no check beyond "local user") and on an accounts-mode server with an API key (key lookup +
// role lookup per request), interleaved in one run so both see the same machine.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { startServer } from "./lib.mjs";

const N = Number(process.env.BENCH_REQUESTS ?? 400);
const tmp = os.tmpdir();
const local = await startServer({ port: 3911, dataDir: path.join(tmp, "arca-bench-access-local") });
const accounts = await startServer({ port: 3912, dataDir: path.join(tmp, "arca-bench-access-accounts"), env: { ARCA_AUTH: "1" } });
try {
  const admin = (args, input) => {
    const r = spawnSync(process.execPath, ["cli/bin.mjs", "admin", ...args], { input, encoding: "utf8", env: { ...process.env, ARCA_DATA_DIR: path.join(tmp, "arca-bench-access-accounts") } });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  admin(["create-user", "bench", "--password-stdin"], "a long password\n");
  admin(["grant", "bench", "bench", "admin"]);
  const { key } = JSON.parse(admin(["create-key", "bench", "--name", "bench", "--json"]));

  // Something to read: one small version in bench/access on each server.
  for (const [server, headers] of [[local, {}], [accounts, { authorization: `Bearer ${key}` }]]) {
    const send = () =>
      fetch(`${server.url}/api/v1/projects/bench/access/artifacts/ds/log`, {
        signal: AbortSignal.timeout(30_000),
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ type: "dataset", entries: [{ path: "ref", ref: "https://example.test/x", digest: "x", size: 0 }] }),
      });
    // The admin commands above take seconds: the server may close the idle keep-alive socket just as we reuse it.
    const res = await send().catch(send);
    if (!res.ok) throw new Error(`seeding ${server.url} failed: ${res.status} ${await res.text()}`);
  }

  const cases = [
    ["GET /api/v1 version", "/api/v1/projects/bench/access/artifacts/ds/versions/latest"],
    ["GET /api/v1 projects", "/api/v1/projects"],
    ["tRPC versions.get", `/api/trpc/versions.get?input=${encodeURIComponent(JSON.stringify({ entity: "bench", project: "access", name: "ds", version: "latest" }))}`],
  ];
  const p = (xs, q) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  console.log(`| request (${N} each, interleaved) | local mode p50 / p95 | accounts + key p50 / p95 | p50 difference |`);
  console.log("| --- | --- | --- | --- |");
  for (const [label, url] of cases) {
    const times = { local: [], accounts: [] };
    for (let i = 0; i < N + 20; i++) {
      for (const [name, server, headers] of [["local", local, {}], ["accounts", accounts, { authorization: `Bearer ${key}` }]]) {
        const start = performance.now();
        const res = await fetch(server.url + url, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${label} on ${name}: ${res.status}`);
        if (i >= 20) times[name].push(performance.now() - start); // the first 20 warm up
      }
    }
    const [l50, l95, a50, a95] = [p(times.local, 0.5), p(times.local, 0.95), p(times.accounts, 0.5), p(times.accounts, 0.95)];
    console.log(`| ${label} | ${l50.toFixed(2)} / ${l95.toFixed(2)} ms | ${a50.toFixed(2)} / ${a95.toFixed(2)} ms | ${(a50 - l50 >= 0 ? "+" : "")}${(a50 - l50).toFixed(2)} ms (${(a50 / l50).toFixed(2)}x) |`);
  }
} finally {
  local.stop();
  accounts.stop();
}
