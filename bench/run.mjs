// `npm run bench`: every benchmark script, or the ones named: `npm run bench -- store`.
import { spawnSync } from "node:child_process";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";

const all = ["store", "encryption", "transfers", "browse", "tables", "eventloop", "lineage", "access", "guard", "requests", "pages", "fuzz", "wandb", "databases"];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
buildIfNeeded();
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark ${name}; choose from ${all.join(", ")}`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, [`bench/${name}.mjs`], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
