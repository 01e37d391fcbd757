import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Shared helpers for benchmark scripts: they print numbers, they assert nothing. */

export function seconds(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function timed(cmd, args, opts = {}) {
  return seconds(() => run(cmd, args, opts));
}

/** Starts `next start` (or what `npm start` runs) on a fresh (or seeded) data dir and resolves when the API answers (401 counts: accounts mode). */
export async function startServer({ port, dataDir, env = {}, asNpmStart = false, keepDir = false }) {
  // keepDir: a data dir the benchmark seeded before the start.
  if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  // asNpmStart: the server `npm start` runs (scripts/server.mjs: Host/CSRF layer, plain Node API routes).
  const args = asNpmStart ? ["scripts/server.mjs"] : ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ARCA_DATA_DIR: dataDir, ARCA_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group: `next start` forks `next-server`, and stopping must reach both.
    detached: true,
  });
  // Resolves once the server has exited (a caller may drop its database next).
  const stopGroup = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        resolve(); // already gone
      }
    });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${url}/api/v1/projects`);
      if (res.ok || res.status === 401) return { url, child, stop: stopGroup };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopGroup();
  throw new Error("server did not start");
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
export function treeRss(pid) {
  let total = 0;
  const children = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // process went away
    }
  }
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

export function writeRandomFile(file, size, seed) {
  const fd = fs.openSync(file, "w");
  const chunk = Buffer.alloc(Math.min(size, 1 << 20));
  let state = seed >>> 0;
  let written = 0;
  while (written < size) {
    // Cheap xorshift fill: incompressible enough for storage benchmarks, no crypto cost.
    for (let i = 0; i < chunk.length; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk.writeUInt32LE(state >>> 0, i);
    }
    const n = Math.min(chunk.length, size - written);
    fs.writeSync(fd, chunk, 0, n);
    written += n;
  }
  fs.closeSync(fd);
}

/** The store benchmarks' directory: 1,000 files of ~1 MiB (1 GiB in all) in 10 folders, synced to disk. */
export function makeDataset(dir, { files = 1000, bytes = 1024 ** 3 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const base = Math.floor(bytes / files);
  for (let i = 0; i < files; i++) {
    const size = i === files - 1 ? bytes - base * (files - 1) : base;
    const sub = path.join(dir, `shard-${String(i % 10).padStart(2, "0")}`);
    fs.mkdirSync(sub, { recursive: true });
    writeRandomFile(path.join(sub, `file-${String(i).padStart(4, "0")}.bin`), size, i + 1);
  }
  run("sync", []);
}

/** The tests' s3rver in a process of its own; `checksums`: it checks x-amz-checksum-sha256 as AWS S3 and MinIO do. */
export async function startS3rver(dir, port, { checksums = false } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const args = ["bench/s3rver.mjs", String(port), dir, ...(checksums ? ["--checksums"] : [])];
  const child = spawn(process.execPath, args, { stdio: "ignore", detached: true });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(endpoint);
      return { endpoint, stop: () => process.kill(-child.pid, "SIGTERM") };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("s3rver did not start");
}
