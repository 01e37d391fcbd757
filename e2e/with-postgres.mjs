// `node e2e/with-postgres.mjs NAME COMMAND`: runs the shell COMMAND (a webServer of playwright.config.ts)
// with ARCA_DATABASE_URL on a fresh PostgreSQL database of its own, dropped when the command ends
// (server/testing/postgres.ts: the local Debian cluster when run as root, or ARCA_TEST_DATABASE_URL as is). Without PostgreSQL the command runs on SQLite, saying so, unless
// ARCA_TEST_REQUIRE_POSTGRES=1 (CI), which makes that an error.
import { spawn } from "node:child_process";
import { tsImport } from "tsx/esm/api";

const [name, command] = process.argv.slice(2);
if (!name || !command) {
  console.error("usage: node e2e/with-postgres.mjs NAME COMMAND");
  process.exit(2);
}

const { startTestPostgres } = await tsImport("../server/testing/postgres.ts", import.meta.url);
const database = startTestPostgres();
let env = process.env;
let drop = async () => {};
if (database) {
  env = { ...process.env, ARCA_DATABASE_URL: database.url };
  drop = () => database.stop();
  console.log(`[e2e] ${name}: metadata in PostgreSQL (${new URL(database.url).pathname.slice(1)})`);
} else {
  console.log(`[e2e] ${name}: no PostgreSQL here, so the metadata stays in SQLite`);
}

const child = spawn("sh", ["-c", command], { env, stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  void drop().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
