// `npm run bench -- browse`: runs bench/browse.ts with tsx (it calls the TypeScript services in-process).
import { spawnSync } from "node:child_process";

const r = spawnSync(process.execPath, ["--import", "tsx", "bench/browse.ts"], { stdio: "inherit" });
process.exit(r.status ?? 1);
