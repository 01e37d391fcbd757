import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDb, openPostgres } from "@/db/client";
import type { Database } from "@/db/sql/sql";
import { createTestSchema } from "./postgres";

export interface TestDatabase {
  name: "sqlite" | "postgres";
  /** Why this database is skipped in this run, if it is. */
  skip: string | undefined;
  /** A fresh, migrated database, and how to throw it away. */
  open: () => Promise<{ sql: Database; done: () => Promise<void> }>;
}

/**
 * Both databases, migrated and empty, for a suite that must hold on each (issue 11): SQLite in a temp
 * file, PostgreSQL in a schema of its own in the run's throwaway database (skipped without one).
 */
export function testDatabases(): TestDatabase[] {
  const postgresUrl = inject("postgresUrl");
  return [
    {
      name: "sqlite",
      skip: undefined,
      open: () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-db-"));
        const { sql } = openDb(path.join(dir, "arca.sqlite"));
        return Promise.resolve({ sql, done: async () => (await sql.close(), fs.rmSync(dir, { recursive: true, force: true })) });
      },
    },
    {
      name: "postgres",
      skip: postgresUrl ? undefined : "no PostgreSQL for this run (server/testing/postgres.ts says how to get one)",
      open: async () => {
        const schema = await createTestSchema(postgresUrl!);
        const sql = openPostgres(schema.url);
        await sql.ready();
        return { sql, done: async () => (await sql.close(), await schema.drop()) };
      },
    },
  ];
}
