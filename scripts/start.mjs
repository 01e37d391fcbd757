import fs from "node:fs";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { loadRequestGuard, startServer } from "./server.mjs";

// `npm start`: check the settings, build if needed, then serve (scripts/server.mjs). The server migrates
// the database and seeds the demo project on start (instrumentation.ts). Settings (docs/deploy.md):
// PORT, HOST, ARCA_DATA_DIR, ARCA_DEMO=0, ARCA_AUTH, ARCA_ALLOWED_HOSTS, ARCA_PUBLIC_URL, ARCA_TLS_CERT, ARCA_TLS_KEY.
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** Settings mistakes end `npm start` before a minute of building, with one sentence saying what to set. */
function refuse(message) {
  console.error(message);
  process.exit(1);
}

const guard = await loadRequestGuard();
const listenRefusal = guard.checkListenHost(process.env);
if (listenRefusal) refuse(listenRefusal);
try {
  guard.parseAllowedHosts(process.env.ARCA_ALLOWED_HOSTS);
  if (process.env.ARCA_PUBLIC_URL) new URL(process.env.ARCA_PUBLIC_URL);
} catch (error) {
  refuse(`[arca] ${error.message}`);
}
const { ARCA_TLS_CERT: cert, ARCA_TLS_KEY: key } = process.env;
if (Boolean(cert) !== Boolean(key)) refuse("[arca] set both ARCA_TLS_CERT and ARCA_TLS_KEY (PEM file paths) to serve HTTPS, or neither.");
for (const file of [cert, key]) if (file && !fs.existsSync(file)) refuse(`[arca] TLS file ${file} does not exist (ARCA_TLS_CERT / ARCA_TLS_KEY).`);

buildIfNeeded();
console.log(`[arca] data: ${process.env.ARCA_DATA_DIR || "./data"}`);
let server;
try {
  server = await startServer();
} catch (error) {
  refuse(`[arca] could not start: ${error.message}`);
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
