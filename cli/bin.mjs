#!/usr/bin/env node
import { pathToFileURL } from "node:url";
import { bundledCli } from "./bundle.mjs";

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
