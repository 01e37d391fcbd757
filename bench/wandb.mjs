// The stock W&B client against Arca (issue "The stock W&B Python client logs to Arca"):
//   `run.log_artifact` + `art.wait()` of 1,000 files totalling 1 GiB, against `arca log` of the same
//   folder, each into a fresh server; then the identical re-log (dedup) of each.
// Needs the offline wandb venv (../shared/tools/wandb-venv builds it; cached in the temp dir).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeDataset, run, seconds, startServer } from "./lib.mjs";

const root = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "arca-bench-wandb");
const port = Number(process.env.BENCH_PORT ?? 3320);
const venv = path.join(os.tmpdir(), "arca-wandb-venv-0.30");
const python = path.join(venv, "bin", "python");

const LOG = `
import sys, time, json, wandb
src, name = sys.argv[1], sys.argv[2]
run = wandb.init(entity="bench", project="wandb", job_type="bench")
art = wandb.Artifact(name, type="dataset")
art.add_dir(src)
start = time.perf_counter()
run.log_artifact(art)
art.wait()
print(json.dumps({"seconds": time.perf_counter() - start, "version": art.version, "digest": art.digest}))
run.finish()
`;

function ensureVenv() {
  try {
    run(python, ["-c", "import wandb"]);
  } catch {
    run(path.resolve("../shared/tools/wandb-venv"), [venv]);
  }
}

function wandbLog(url, src, home) {
  fs.mkdirSync(home, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    WANDB_BASE_URL: url,
    WANDB_API_KEY: "b".repeat(40),
    WANDB_DIR: home,
    WANDB_CACHE_DIR: path.join(home, "cache"),
    WANDB_CONFIG_DIR: path.join(home, "config"),
    WANDB_SILENT: "true",
    WANDB_CONSOLE: "off",
    WANDB_DISABLE_CODE: "true",
    WANDB_DISABLE_GIT: "true",
  };
  const out = run(python, ["-c", LOG, src, "bench-1gib"], { env });
  return JSON.parse(out.trim().split("\n").pop());
}

function arcaLog(url, src) {
  const out = run(process.execPath, ["cli/bin.mjs", "log", src, "--name", "bench-1gib", "--type", "dataset", "--json"], {
    env: { ...process.env, ARCA_BASE_URL: url, ARCA_ENTITY: "bench", ARCA_PROJECT: "cli" },
  });
  return JSON.parse(out);
}

async function main() {
  ensureVenv();
  fs.mkdirSync(root, { recursive: true });
  const src = path.join(root, "src");
  console.log(`# wandb benchmark in ${root} (${os.cpus().length} cores)`);
  console.log("generating 1,000 files, 1 GiB …");
  makeDataset(src);

  const forWandb = await startServer({ port, dataDir: path.join(root, "data-wandb") });
  let w1, w2;
  try {
    w1 = wandbLog(forWandb.url, src, path.join(root, "home-1"));
    w2 = wandbLog(forWandb.url, src, path.join(root, "home-2"));
  } finally {
    forWandb.stop();
  }
  const forCli = await startServer({ port: port + 1, dataDir: path.join(root, "data-cli") });
  let c1, c2;
  try {
    c1 = seconds(() => arcaLog(forCli.url, src));
    c2 = seconds(() => arcaLog(forCli.url, src));
  } finally {
    forCli.stop();
  }
  if (w1.digest !== c1.result.digest) throw new Error(`digests differ: wandb ${w1.digest}, arca ${c1.result.digest}`);
  console.log(`\n| 1,000 files, 1 GiB | first log | identical re-log |`);
  console.log(`| --- | --- | --- |`);
  console.log(`| wandb 0.30 \`log_artifact\` + \`wait\` → Arca | ${w1.seconds.toFixed(1)} s (${w1.version}) | ${w2.seconds.toFixed(1)} s (${w2.version}) |`);
  console.log(`| \`arca log\` (CLI) | ${c1.seconds.toFixed(1)} s (${c1.result.version}) | ${c2.seconds.toFixed(1)} s (${c2.result.version}) |`);
  console.log(`\nsame digest in both: ${w1.digest}`);
  fs.rmSync(root, { recursive: true, force: true });
}

await main();
