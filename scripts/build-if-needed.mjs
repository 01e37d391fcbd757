import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "server", "db", "lib", "public"];
const SOURCE_FILES = ["package.json", "next.config.mjs", "instrumentation.ts", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Runs `next build` when there is no build, or a source file is newer than it. */
export function buildIfNeeded() {
  const buildId = fs.statSync(".next/BUILD_ID", { throwIfNoEntry: false });
  const sources = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map(newestMtime));
  if (buildId && buildId.mtimeMs >= sources) return;
  console.log(buildId ? "[arca] sources changed since the last build: rebuilding…" : "[arca] first start: building the web app (about a minute)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("[arca] next build failed");
    process.exit(result.status ?? 1);
  }
}
