// `npm run bench -- pages`: runs bench/pages.ts with tsx (it reuses the end-to-end crawl, e2e/crawl.ts).
import { spawnSync } from "node:child_process";

const r = spawnSync(process.execPath, ["--import", "tsx", "bench/pages.ts"], { stdio: "inherit" });
process.exit(r.status ?? 1);
