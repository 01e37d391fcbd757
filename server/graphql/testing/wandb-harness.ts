import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { ensureWandbPython, WANDB_PYTHON, WANDB_VENV_SCRIPT, wandbVenvScriptPresent } from "@/sdk/testing/wandb-venv";

/**
 * Runs the stock W&B Python client (wandb 0.30) against Arca's handlers on a loopback port. The
 * venv is built offline by the shared tool (../shared/tools/wandb-venv, beside the clone in CI)
 * and cached under node_modules/.cache between runs. Import after setting ARCA_DATA_DIR (and ARCA_AUTH).
 */
const run = promisify(execFile);
export const venvTool = WANDB_VENV_SCRIPT;
export const hasWandbTool = wandbVenvScriptPresent();
// CI (.ci/run) has ../shared beside the clone: there a missing tool is a failure, not a skipped test.
if (!hasWandbTool && process.env.ARCA_TEST_REQUIRE_WANDB === "1") {
  throw new Error(`the stock wandb client is required (ARCA_TEST_REQUIRE_WANDB=1) but ${WANDB_VENV_SCRIPT} is missing`);
}
const python = WANDB_PYTHON;
const flows = path.join(import.meta.dirname, "wandb_flows.py");

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
export type Json = any;

/** The server `npm start` runs, minus Next.js: the same handlers, and the same CSRF rule in front. */
export async function startArcaServer(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const { handleApiRequest, handleWandbRequest } = await import("../../http/handler");
  const { handleNodeApiRequest } = await import("../../http/node-adapter");
  const { checkCsrf } = await import("../../security/request-guard");
  const server = http.createServer((req, res) => {
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Builds the shared venv once (sdk/testing/wandb-venv.ts); the digest parity test uses the same one. */
export async function ensureWandbVenv(): Promise<void> {
  await ensureWandbPython();
}

/** Runs one flow of wandb_flows.py and returns its RESULT; a failing flow rejects with its output. */
export async function runFlow(opts: { baseUrl: string; work: string; flow: string; apiKey: string; timeoutMs?: number }): Promise<Json> {
  const home = path.join(opts.work, opts.flow);
  fs.mkdirSync(home, { recursive: true });
  // Only what wandb needs: a developer's own WANDB_* settings must not leak into the flows.
  const env = {
    NODE_ENV: "test",
    PATH: process.env.PATH ?? "",
    HOME: home,
    WANDB_BASE_URL: opts.baseUrl,
    WANDB_API_KEY: opts.apiKey,
    WANDB_DIR: home,
    WANDB_CACHE_DIR: path.join(home, "cache"),
    WANDB_DATA_DIR: path.join(home, "data"),
    WANDB_CONFIG_DIR: path.join(home, "config"),
    WANDB_SILENT: "true",
    WANDB_CONSOLE: "off",
    WANDB_DISABLE_CODE: "true",
    WANDB_DISABLE_GIT: "true",
    WANDB_ERROR_REPORTING: "false",
    WANDB_INIT_TIMEOUT: "60",
  } as NodeJS.ProcessEnv;
  const { stdout, stderr } = await run(python, [flows, opts.flow, home], { env, timeout: opts.timeoutMs ?? 150_000, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`flow ${opts.flow} failed: ${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`flow ${opts.flow} printed no RESULT line:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice("RESULT ".length));
}
