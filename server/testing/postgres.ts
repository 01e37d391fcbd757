import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";

/**
 * A throwaway PostgreSQL database for the test run (issue 11). ARCA_TEST_DATABASE_URL names a server
 * to use as it is; otherwise, as root on a machine with Debian's postgresql (CI: .ci/run installs it),
 * the local cluster is started on 127.0.0.1 and a database created for this run, dropped at the end.
 * Undefined when neither is possible: the PostgreSQL suites then skip, unless
 * ARCA_TEST_REQUIRE_POSTGRES=1 (CI), which makes that an error.
 */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

const ROLE = "arca_test";

export function startTestPostgres(): TestPostgres | undefined {
  if (process.env.ARCA_TEST_DATABASE_URL) return { url: process.env.ARCA_TEST_DATABASE_URL, stop: () => Promise.resolve() };
  const why = unavailable();
  if (why) {
    if (process.env.ARCA_TEST_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is required (ARCA_TEST_REQUIRE_POSTGRES=1) but ${why}`);
    return undefined;
  }
  const cluster = localCluster();
  if (cluster.status !== "online") execFileSync("pg_ctlcluster", [cluster.version, cluster.name, "start"], { stdio: "ignore" });
  dropAbandoned(cluster.port);
  const database = `arca_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  const password = ROLE;
  psql(cluster.port, `do $$ begin if not exists (select from pg_roles where rolname = '${ROLE}') then create role ${ROLE} login password '${password}'; end if; end $$;`);
  psql(cluster.port, `create database ${database} owner ${ROLE}`);
  return {
    url: `postgres://${ROLE}:${password}@127.0.0.1:${cluster.port}/${database}`,
    stop: () => Promise.resolve(void psql(cluster.port, `drop database if exists ${database} with (force)`)),
  };
}

/** A schema of its own for one test file: `search_path` set through the URL, dropped by `drop()`. */
export async function createTestSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await runOnce(url, `create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => runOnce(url, `drop schema if exists ${schema} cascade`) };
}

/** One statement on a connection of its own. */
async function runOnce(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "the tests do not run as root, so they cannot start the local cluster (set ARCA_TEST_DATABASE_URL)";
  if (!fs.existsSync("/usr/bin/pg_ctlcluster")) return "Debian's postgresql is not installed (apt-get install -y postgresql)";
  try {
    localCluster();
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

function localCluster(): { version: string; name: string; port: string; status: string } {
  const line = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" }).trim().split("\n")[0];
  const [version, name, port, status] = line?.trim().split(/\s+/) ?? [];
  if (!version || !name || !port || !status) throw new Error("pg_lsclusters lists no cluster");
  return { version, name, port, status };
}

/** Databases of earlier runs whose process is gone (killed before its teardown). */
function dropAbandoned(port: string): void {
  const names = psql(port, "select datname from pg_database where datname like 'arca_test_%'").split("\n").filter(Boolean);
  for (const name of names) {
    const pid = Number(name.split("_")[2]);
    if (Number.isInteger(pid) && !isAlive(pid)) psql(port, `drop database if exists ${name} with (force)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function psql(port: string, command: string): string {
  const quoted = command.replace(/(["$`\\])/g, "\\$1");
  return execFileSync("su", ["postgres", "-c", `psql -qtA -p ${port} -v ON_ERROR_STOP=1 -c "${quoted}"`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
