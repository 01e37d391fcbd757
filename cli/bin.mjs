#!/usr/bin/env node
// The CLI is TypeScript: tsx compiles it on the fly, so no build step sits between editing and running.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
// Idle keep-alive sockets must not hold the process open once the answer is printed.
setTimeout(() => process.exit(), 500).unref();
