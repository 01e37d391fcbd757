// What the web-hardening layer of scripts/server.mjs costs a request: one Next.js app, served twice in the
// same process (with the guard and without), GET /api/v1/projects alternating between the two.
// Needs a build (`npm run build`). Usage: node bench/guard.mjs [requests per side, default 200]
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { guardRequests, loadRequestGuard } from "../scripts/server.mjs";

const N = Number(process.argv[2] ?? 200);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.env.ARCA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-guard-"));
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: "127.0.0.1", port: 0 });
await app.prepare();
const handle = app.getRequestHandler();
const guard = await loadRequestGuard();
const servers = {
  plain: http.createServer((req, res) => handle(req, res)),
  guarded: http.createServer(guardRequests(handle, guard, { allowedHosts: [], https: false })),
};
const ports = {};
for (const [name, server] of Object.entries(servers)) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  ports[name] = server.address().port;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(port) {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/api/v1/projects", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
      })
      .on("error", reject);
  });
}

for (let i = 0; i < 50; i++) for (const port of Object.values(ports)) await get(port); // warm-up
const times = { plain: [], guarded: [] };
for (let i = 0; i < N; i++) for (const name of i % 2 ? ["plain", "guarded"] : ["guarded", "plain"]) times[name].push(await get(ports[name]));

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(8)} n=${xs.length}  p50 ${pct(xs, 50).toFixed(3)} ms  p90 ${pct(xs, 90).toFixed(3)} ms`);
console.log(`guard overhead at p50: ${(pct(times.guarded, 50) - pct(times.plain, 50)).toFixed(3)} ms`);
agent.destroy();
for (const server of Object.values(servers)) server.close();
fs.rmSync(process.env.ARCA_DATA_DIR, { recursive: true, force: true });
process.exit(0);
