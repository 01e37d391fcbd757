import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared script that builds a venv with the real wandb 0.30 offline (beside the clone in CI: `../shared`). */
export const WANDB_VENV_SCRIPT = resolve(REPO_ROOT, "../shared/tools/wandb-venv");
/** Built once and reused by later runs and by every test that runs wandb; `ARCA_WANDB_VENV` points elsewhere. */
export const WANDB_VENV_DIR = process.env.ARCA_WANDB_VENV ?? join(REPO_ROOT, "node_modules/.cache/arca-wandb-venv");
export const WANDB_PYTHON = join(WANDB_VENV_DIR, "bin", "python");

export function wandbVenvScriptPresent(): boolean {
  return existsSync(WANDB_VENV_SCRIPT);
}

async function works(): Promise<boolean> {
  return run(WANDB_PYTHON, ["-c", "import wandb"]).then(
    () => true,
    () => false,
  );
}

/**
 * The Python of a venv with wandb installed, building it on first use (~30-60 s), or null when the build script is
 * absent (the caller skips and says why). Test files in parallel workers may build at once: each builds aside and
 * the first rename wins, so nobody runs a half-built venv.
 */
export async function ensureWandbPython(): Promise<string | null> {
  if (!wandbVenvScriptPresent()) return null;
  if (await works()) return WANDB_PYTHON;
  mkdirSync(dirname(WANDB_VENV_DIR), { recursive: true });
  const building = `${WANDB_VENV_DIR}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  await run(WANDB_VENV_SCRIPT, [building], { timeout: 300_000, maxBuffer: 16 << 20 });
  if (!(await works())) {
    rmSync(WANDB_VENV_DIR, { recursive: true, force: true });
    try {
      renameSync(building, WANDB_VENV_DIR);
    } catch {
      // another worker's rename won
    }
  }
  rmSync(building, { recursive: true, force: true });
  if (!(await works())) throw new Error(`the wandb venv at ${WANDB_VENV_DIR} does not import wandb after a build with ${WANDB_VENV_SCRIPT}`);
  return WANDB_PYTHON;
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
