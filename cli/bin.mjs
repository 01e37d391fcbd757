#!/usr/bin/env node
import { pathToFileURL } from "node:url";
import { bundledCli } from "./bundle.mjs";

// `arca admin …` works on the data directory with the server's own code (compiled on the fly by tsx).
if (process.argv[2] === "admin") {
  const { register } = await import("tsx/esm/api");
  register();
  const { main: admin } = await import("../server/admin/main.ts");
  process.exitCode = await admin(process.argv.slice(3));
  process.exit();
}

const bundle = await bundledCli();
let main;
if (bundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
// Idle keep-alive sockets must not hold the process open once the answer is printed.
setTimeout(() => process.exit(), 500).unref();
