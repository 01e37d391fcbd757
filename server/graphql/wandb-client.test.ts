import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The stock W&B Python client (wandb 0.30) against Arca's handlers on a loopback port: each flow of
 * docs/wandb.md runs as a Python script (testing/wandb_flows.py), and its digests, versions and
 * downloaded bytes are compared with Arca's own answers. The venv is built offline by the shared
 * tool (../shared/tools/wandb-venv, beside the clone in CI) and cached between runs.
 */
const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
type Json = any;
const repo = path.resolve(import.meta.dirname, "../..");
const venvTool = path.resolve(repo, "../shared/tools/wandb-venv");
const hasTool = fs.existsSync(venvTool);
if (!hasTool) console.warn(`[wandb-client.test] skipped: ${venvTool} (the offline wandb venv builder) is not on this machine`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-wandb-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
const { handleApiRequest, handleWandbRequest } = await import("../http/handler");
const { handleNodeApiRequest } = await import("../http/node-adapter");
const { checkCsrf } = await import("../security/request-guard");

const venv = path.join(os.tmpdir(), "arca-wandb-venv-0.30");
const python = path.join(venv, "bin", "python");
const flows = path.join(import.meta.dirname, "testing", "wandb_flows.py");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "arca-wandb-work-"));
let server: http.Server;
let baseUrl = "";

/** The server `npm start` runs, minus Next.js: the same handlers, and the same CSRF rule in front. */
function startServer(): Promise<void> {
  server = http.createServer((req, res) => {
    const refusal = checkCsrf({
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0] ?? "/",
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers["sec-fetch-site"],
      contentType: req.headers["content-type"],
      authorization: req.headers.authorization,
    });
    if (refusal) {
      res.writeHead(refusal.status).end(refusal.message);
      return;
    }
    const wandb = !(req.url ?? "").startsWith("/api/v1/");
    void handleNodeApiRequest(req, res, wandb ? (r) => handleWandbRequest(r) : handleApiRequest);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
}

async function ensureVenv(): Promise<void> {
  try {
    await run(python, ["-c", "import wandb"]);
  } catch {
    fs.rmSync(venv, { recursive: true, force: true });
    await run(venvTool, [venv], { timeout: 280_000 });
  }
}

async function flow(name: string): Promise<Record<string, Json>> {
  const home = path.join(work, name);
  fs.mkdirSync(home, { recursive: true });
  // Only what wandb needs: a developer's own WANDB_* settings must not leak into the flows.
  const env = {
    NODE_ENV: "test",
    PATH: process.env.PATH ?? "",
    HOME: home,
    WANDB_BASE_URL: baseUrl,
    // Any key of W&B's shape: Arca runs in local mode here (keys are not looked at).
    WANDB_API_KEY: "a".repeat(40),
    WANDB_DIR: home,
    WANDB_CACHE_DIR: path.join(home, "cache"),
    WANDB_DATA_DIR: path.join(home, "data"),
    WANDB_CONFIG_DIR: path.join(home, "config"),
    WANDB_SILENT: "true",
    WANDB_CONSOLE: "off",
    WANDB_DISABLE_CODE: "true",
    WANDB_DISABLE_GIT: "true",
    WANDB_ERROR_REPORTING: "false",
  } as NodeJS.ProcessEnv;
  const { stdout, stderr } = await run(python, [flows, name, home], { env, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`flow ${name} failed: ${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
  });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`flow ${name} printed no RESULT line:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice("RESULT ".length)) as Record<string, Json>;
}

async function api(url: string): Promise<Json> {
  const res = await fetch(`${baseUrl}/api/v1/projects/alice/wb/${url}`);
  expect(res.status, url).toBe(200);
  return res.json();
}

/** Every file under `dir`, by relative path, with the SHA-256 of its bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full).split(path.sep).join("/")] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return out;
}

const sourceTree = () => {
  const src = tree(path.join(work, "log", "src"));
  return { ...src, "extra/single.txt": tree(work)["log/single.txt"]! };
};

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasTool)("the stock wandb client", () => {
  beforeAll(async () => {
    await Promise.all([ensureVenv(), startServer()]);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 300_000);

  let logged: Record<string, Json>;

  it("logs files, folders and references; identical contents dedup, changed contents make v1; runs keep config and summary", async () => {
    logged = await flow("log");
    const { versions } = await api("artifacts/corpus/versions");
    const [v1, v0] = versions;
    expect(versions.map((v: Json) => v.version)).toEqual(["v1", "v0"]);
    // Arca's digest is wandb's own, for the original and the changed contents.
    expect(v0.digest).toBe(logged.first.digest);
    expect(logged.again).toMatchObject({ digest: logged.first.digest, version: "v0" });
    expect(v1.digest).toBe(logged.changed.digest);
    expect(logged.changed.version).toBe("v1");
    expect(v0).toMatchObject({ description: "the corpus", metadata: { rows: 3, source: "test" }, aliases: ["best"], distributedId: null, fileCount: 5 });
    expect(v1.aliases).toEqual(["latest"]);

    const manifest = await api("artifacts/corpus/versions/v0/manifest");
    expect(manifest.contents["refs/table.csv"]).toMatchObject({ ref: "https://example.com/data/table.csv", digest: "https://example.com/data/table.csv" });
    expect(Object.keys(manifest.contents).sort()).toEqual([...Object.keys(sourceTree()), "refs/table.csv"].sort());

    // The re-log recorded its run as a producer of v0 too (lineage shows every run that logged it).
    const loggedBy = await api(`runs/${logged.again.run}/logged`);
    expect(loggedBy.versions.map((v: Json) => v.version)).toEqual(["v0"]);

    const runDto = await api(`runs/${logged.first.run}`);
    expect(runDto).toMatchObject({ jobType: "prep", group: "logging", state: "finished", config: { lr: 0.01, layers: [64, 32], opt: { name: "adam" } } });
    expect(runDto.summary).toMatchObject({ loss: 0.25, acc: 0.9, best_acc: 0.9, _step: 1 });
    expect(runDto.summary._wandb).toBeUndefined();
  }, 200_000);

  it("use_artifact(...).download() brings the files back byte for byte and makes the run a consumer", async () => {
    const used = await flow("use");
    expect(used).toMatchObject({ digest: logged.first.digest, version: "v0" });
    // v0 holds a.txt as first written; the source folder has the changed one since.
    expect(tree(used.root)).toEqual({ ...sourceTree(), "a.txt": createHash("sha256").update("alpha\n").digest("hex") });
    const inputs = await api(`runs/${used.run}/used`);
    expect(inputs.versions.map((v: Json) => `${v.name}:${v.version}`)).toEqual(["corpus:v0"]);
  }, 200_000);

  it("wandb.Api() reads, downloads, edits aliases, description and metadata, and lists versions", async () => {
    const result = await flow("api");
    expect(result.before).toMatchObject({ version: "v1", digest: logged.changed.digest, aliases: ["latest"], description: "the corpus", metadata: { rows: 3, source: "test" } });
    const changed = tree(result.root);
    expect(Object.keys(changed).sort()).toEqual(Object.keys(sourceTree()).sort());
    expect(changed["a.txt"]).toBe(createHash("sha256").update("alpha, changed\n").digest("hex"));
    // Api().artifact(...).files(): the stored files with their sizes (references are not files).
    expect(result.files.map((f: [string, number]) => f[0])).toEqual(Object.keys(sourceTree()).sort());
    expect(Object.fromEntries(result.files)["a.txt"]).toBe("alpha, changed\n".length);
    expect(result.after).toEqual({ version: "v1", aliases: ["latest", "prod"], description: "edited from wandb", metadata: { rows: 4, checked: true } });
    expect(result.versions).toEqual(["v1", "v0"]);
    expect(result.best_removed).not.toBeNull();
    const v1 = await api("artifacts/corpus/versions/v1");
    expect(v1).toMatchObject({ description: "edited from wandb", metadata: { rows: 4, checked: true } });
    expect(v1.aliases.sort()).toEqual(["latest", "prod"]);
    expect((await api("artifacts/corpus/versions/v0")).aliases).toEqual([]);
  }, 200_000);

  it("upsert_artifact from two runs and finish_artifact make one version with every writer as producer", async () => {
    const result = await flow("collaborate");
    expect(result.version).toBe("v0");
    const version = await api("artifacts/shards/versions/v0");
    expect(version).toMatchObject({ digest: result.digest, fileCount: 3, distributedId: "build-1" });
    expect(version.aliases.sort()).toEqual(["complete", "latest"]);
    for (const runId of result.runs) expect((await api(`runs/${runId}/logged`)).versions.map((v: Json) => v.name)).toEqual(["shards"]);
  }, 200_000);

  it("answers an operation it does not implement with an error naming it", async () => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query LaunchAgents { launchAgents { id } }", operationName: "LaunchAgents" }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/does not support the W&B operation LaunchAgents/);
  });
});
