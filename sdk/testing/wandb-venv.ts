import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared script that builds a venv with the real wandb 0.30 offline (beside the clone in CI: `../shared`). */
export const WANDB_VENV_SCRIPT = resolve(REPO_ROOT, "../shared/tools/wandb-venv");
/** Built once and reused by later runs; `ARCA_WANDB_VENV` points elsewhere. */
export const WANDB_VENV_DIR = process.env.ARCA_WANDB_VENV ?? join(REPO_ROOT, "node_modules/.cache/arca-wandb-venv");
const READY = ".arca-ready";

/**
 * The Python of a venv with wandb installed, building it on first use (~30-60 s), or null when the build script is
 * absent (the caller skips and says why). A venv whose build did not finish (no marker) is rebuilt from scratch.
 */
export function wandbVenvScriptPresent(): boolean {
  return existsSync(WANDB_VENV_SCRIPT);
}

export async function ensureWandbPython(): Promise<string | null> {
  if (!wandbVenvScriptPresent()) return null;
  const python = join(WANDB_VENV_DIR, "bin", "python");
  if (existsSync(join(WANDB_VENV_DIR, READY))) return python;
  rmSync(WANDB_VENV_DIR, { recursive: true, force: true });
  mkdirSync(dirname(WANDB_VENV_DIR), { recursive: true });
  await promisify(execFile)(WANDB_VENV_SCRIPT, [WANDB_VENV_DIR], { timeout: 300_000, maxBuffer: 16 << 20 });
  writeFileSync(join(WANDB_VENV_DIR, READY), "");
  return python;
}

/** Environment for running wandb offline without touching the user's home or the network. */
export function offlineWandbEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WANDB_MODE: "offline",
    WANDB_SILENT: "true",
    WANDB_DISABLE_GIT: "true",
    WANDB_DIR: scratch,
    WANDB_CACHE_DIR: join(scratch, "cache"),
    WANDB_CONFIG_DIR: join(scratch, "config"),
    WANDB_DATA_DIR: join(scratch, "data"),
  };
}
