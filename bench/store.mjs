// Storage benchmark for the artifact store (issue "The artifact store"):
//   1,000 files totalling 1 GiB: `arca log` vs `cp -r` + `sync` and vs `restic backup`;
//   an unchanged re-log vs restic's backup of the unchanged directory;
//   the server's peak RSS while logging one 2 GiB file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeDataset, run, seconds, startServer, timed, treeRss, writeRandomFile } from "./lib.mjs";

const GIB = 1024 ** 3;
const root = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "arca-bench");
const port = Number(process.env.BENCH_PORT ?? 3200);

function haveRestic() {
  try {
    run("restic", ["version"]);
    return true;
  } catch {
    return false;
  }
}

const load = () => `load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`;

function arcaLog(url, target, name, cacheDir) {
  const out = run(process.execPath, ["cli/bin.mjs", "log", target, "--name", name, "--type", "dataset", "--json"], {
    env: { ...process.env, ARCA_BASE_URL: url, ARCA_ENTITY: "bench", ARCA_PROJECT: "store", ARCA_CACHE_DIR: cacheDir },
  });
  run("sync", []);
  return JSON.parse(out);
}

async function main() {
  fs.mkdirSync(root, { recursive: true });
  const src = path.join(root, "src");
  console.log(`# store benchmark in ${root} (${os.cpus().length} cores)`);
  console.log("generating 1,000 files, 1 GiB …");
  makeDataset(src);

  const copyDir = path.join(root, "copy");
  fs.rmSync(copyDir, { recursive: true, force: true });
  const copy = timed("sh", ["-c", `cp -r "${src}" "${copyDir}" && sync`]);
  fs.rmSync(copyDir, { recursive: true, force: true });

  // The server `npm start` runs; a hash cache of this run's own (the re-log uses what the first log recorded).
  const server = await startServer({ port, dataDir: path.join(root, "arca-data"), asNpmStart: true });
  const cacheDir = fs.mkdtempSync(path.join(root, "cache-"));
  const results = [];
  try {
    const first = seconds(() => arcaLog(server.url, src, "bench-1gib", cacheDir));
    const firstLoad = load();
    const logged = first.result;
    const again = seconds(() => arcaLog(server.url, src, "bench-1gib", cacheDir));
    const relogged = again.result;
    const relog = again.seconds;
    if (relogged.created !== false || relogged.version !== logged.version) throw new Error("re-log created a new version");

    let restic = null;
    let resticAgain = null;
    if (!haveRestic()) console.log("restic is not installed (Debian: apt-get install restic): skipping the restic rows");
    else {
      const repo = path.join(root, "restic-repo");
      fs.rmSync(repo, { recursive: true, force: true });
      const env = { ...process.env, RESTIC_PASSWORD: "bench", RESTIC_REPOSITORY: repo };
      run("restic", ["init", "--quiet"], { env });
      run("sync", []);
      restic = timed("sh", ["-c", `restic backup --quiet "${src}" && sync`], { env }).seconds;
      resticAgain = timed("sh", ["-c", `restic backup --quiet "${src}" && sync`], { env }).seconds;
      fs.rmSync(repo, { recursive: true, force: true });
    }

    const big = path.join(root, "big");
    fs.rmSync(big, { recursive: true, force: true });
    fs.mkdirSync(big);
    writeRandomFile(path.join(big, "model-2gib.bin"), 2 * GIB, 4242);
    run("sync", []);
    let peak = treeRss(server.child.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(server.child.pid))), 50);
    const { spawn } = await import("node:child_process");
    const bigRun = spawn(process.execPath, ["cli/bin.mjs", "log", path.join(big, "model-2gib.bin"), "--name", "bench-2gib", "--type", "model", "--json"], {
      env: { ...process.env, ARCA_BASE_URL: server.url, ARCA_ENTITY: "bench", ARCA_PROJECT: "store", ARCA_CACHE_DIR: cacheDir },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tBig = process.hrtime.bigint();
    const code = await new Promise((resolve) => bigRun.on("exit", resolve));
    const bigSeconds = Number(process.hrtime.bigint() - tBig) / 1e9;
    clearInterval(sampler);
    if (code !== 0) throw new Error("logging the 2 GiB file failed");
    fs.rmSync(big, { recursive: true, force: true });

    const ratio = (value, floor, target) => `${(value / floor).toFixed(2)}x ${target}`;
    results.push(["cp -r + sync (1 GiB, 1,000 files)", copy.seconds, null]);
    results.push(["arca log, first", first.seconds, `${ratio(first.seconds, copy.seconds, "cp (target ≤ 2.0x)")}${restic === null ? "" : `, ${ratio(first.seconds, restic, "restic (target ≤ 1.0x)")}`}; ${firstLoad}`]);
    if (restic !== null) results.push(["restic backup, first", restic, null]);
    results.push(["arca log, unchanged re-log", relog, resticAgain === null ? null : ratio(relog, resticAgain, "restic's re-backup (target ≤ 0.5x)")]);
    if (resticAgain !== null) results.push(["restic backup, unchanged", resticAgain, null]);
    results.push(["arca log, one 2 GiB file", bigSeconds, `${((2 * 1024) / bigSeconds).toFixed(0)} MiB/s`]);
    console.log("");
    for (const [label, s, note] of results) console.log(`${label.padEnd(38)} ${s.toFixed(2).padStart(7)} s   ${note ?? ""}`);
    console.log(`${"server peak RSS while logging 2 GiB".padEnd(38)} ${(peak / 1024 ** 2).toFixed(0).padStart(7)} MB  ${(peak / (300 * 1024 ** 2)).toFixed(2)}x the target (< 300 MB)`);
    console.log(`(${load()} at the end, ${os.cpus().length} cores: a busy machine stretches every row)`);
  } finally {
    server.stop();
  }
  if (!process.env.BENCH_KEEP) fs.rmSync(root, { recursive: true, force: true });
}

await main();
