import { buildIfNeeded } from "./build-if-needed.mjs";
import { checkDatabase, checkSettings, loadRequestGuard, serve } from "./server.mjs";

// `npm start`: check the settings, build if needed, then serve (scripts/server.mjs). The server migrates
// the database and seeds the demo project on start (instrumentation.ts). Settings (README, docs/deploy.md):
// PORT, HOST, ARCA_DATA_DIR, ARCA_DEMO=0, ARCA_AUTH, ARCA_ALLOWED_HOSTS, ARCA_PUBLIC_URL, ARCA_TLS_CERT, ARCA_TLS_KEY,
// ARCA_ENCRYPTION_KEY, ARCA_ENCRYPTION_OLD_KEYS, ARCA_DATABASE_URL,
// ARCA_STORAGE (+ AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ARCA_S3_FORCE_PATH_STYLE).
process.env.NEXT_TELEMETRY_DISABLED = "1";

// A settings mistake ends `npm start` before a minute of building, with one sentence saying what to set.
const problem = checkSettings(await loadRequestGuard()) ?? (await checkDatabase());
if (problem) {
  console.error(problem);
  process.exit(1);
}
buildIfNeeded();
console.log(`[arca] data: ${process.env.ARCA_DATA_DIR || "./data"}${process.env.ARCA_STORAGE ? `, blobs: ${process.env.ARCA_STORAGE}` : ""}`);
await serve();
