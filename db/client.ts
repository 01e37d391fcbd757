import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import { DeferredDatabase } from "./sql/deferred";
import { migratePostgres } from "./sql/migrate-postgres";
import { PostgresDatabase } from "./sql/postgres";
import { SqliteDatabase, type Checkpointer } from "./sql/sqlite";
import type { Database as SqlDatabase, Sql } from "./sql/sql";

/** What every query takes first: the database behind the async interface (a `ServiceContext` is one). */
export interface DbHandle {
  sql: Sql;
}

/** A handle that can also take a database-wide lock (`sql.withLock`): what the server's context holds. */
export interface LockingDbHandle {
  sql: SqlDatabase;
}

const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

/**
 * Opens (creating if needed) and migrates a SQLite database file; `:memory:` works for tests.
 * `sql` writes on the migrated connection and reads on a second, read-only one (db/sql/sqlite.ts).
 */
export function openDb(file: string, migrationsDir = MIGRATIONS_DIR, options: { checkpoint?: Checkpointer } = {}): { sql: SqlDatabase & SqliteDatabase } {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A large transaction's dirty pages go to the WAL as it runs (in the slices a commit paces), not all at
  // its COMMIT: with better-sqlite3's 16 MB cache, a 200,000-entry commit wrote ~17 MB in one 150 ms call.
  sqlite.pragma("cache_size = -4000");
  migrate(drizzle(sqlite, { schema }), { migrationsFolder: migrationsDir });
  return { sql: new SqliteDatabase(file, sqlite, options.checkpoint) };
}

/**
 * PostgreSQL (ARCA_DATABASE_URL): a pool, migrated before the first query runs (several instances
 * starting at once apply each migration once, db/sql/migrate-postgres.ts). Usable at once; calls made
 * while it migrates wait, and `ready()` says when it is done or why it failed.
 */
export function openPostgres(url: string): DeferredDatabase {
  return new DeferredDatabase("postgres", async () => {
    const db = new PostgresDatabase(url);
    try {
      await migratePostgres(db);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return db;
  });
}
