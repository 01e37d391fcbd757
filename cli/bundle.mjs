// The CLI is TypeScript. Compiling it with tsx on every call costs ~0.3 s; instead the first call
// after an edit bundles cli/ + sdk/ + lib/ into one ES module with esbuild (~0.1 s), and every
// later call just imports that file. If esbuild is unavailable, tsx compiles on the fly.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const SOURCES = ["cli", "sdk", "lib"].map((d) => path.join(root, d));
const OUT = path.join(here, ".dist", "arca.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns the URL of an up-to-date bundle of cli/main.ts, or null to fall back to tsx. */
export async function bundledCli() {
  const built = fs.statSync(OUT, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= Math.max(...SOURCES.map(newestSource))) return OUT;
  try {
    const { build } = await import("esbuild");
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    // Written beside and renamed: two CLI calls racing to rebuild never import half a file.
    const tmp = `${OUT}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [path.join(here, "main.ts")],
      outfile: tmp,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "silent",
    });
    fs.renameSync(tmp, OUT);
    return OUT;
  } catch {
    return null;
  }
}
