import { spawn } from "node:child_process";
import { buildIfNeeded } from "./build-if-needed.mjs";

// `npm start`: build if needed, then serve. The server migrates the database and seeds the
// demo project on start (instrumentation.ts). Settings: PORT, HOST, ARCA_DATA_DIR, ARCA_DEMO=0.
process.env.NEXT_TELEMETRY_DISABLED = "1";
buildIfNeeded();
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
console.log(`[arca] data: ${process.env.ARCA_DATA_DIR || "./data"} · serving on http://${host}:${port}`);
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--hostname", host, "--port", port], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
