import fs from "node:fs";
import path from "node:path";
import type { PostgresDatabase } from "./postgres";

export const POSTGRES_MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations-pg");

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies drizzle-kit's PostgreSQL migrations (db/migrations-pg, generated from the derived schema) that
 * this database has not seen, each in its own transaction. Not drizzle's own migrator, for two reasons:
 * several instances start at once against one database (an advisory lock makes the second wait and
 * then find nothing to do), and the tables go to the connection's search_path rather than "public"
 * (drizzle-kit writes `"public".` into foreign keys), so a deployment can keep Arca in a schema of its own.
 */
export async function migratePostgres(db: PostgresDatabase, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as Journal;
  const client = await db.pool.connect();
  const applied: string[] = [];
  try {
    await client.query("select pg_advisory_lock(hashtext('arca migrations'))");
    try {
      await client.query("create table if not exists arca_migrations (tag text primary key, applied_at bigint not null)");
      const done = new Set((await client.query<{ tag: string }>("select tag from arca_migrations")).rows.map((r) => r.tag));
      for (const { tag } of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
        if (done.has(tag)) continue;
        const statements = fs
          .readFileSync(path.join(dir, `${tag}.sql`), "utf8")
          .split("--> statement-breakpoint")
          .map((s) => s.replaceAll('"public".', "").trim())
          .filter(Boolean);
        await client.query("begin");
        try {
          for (const statement of statements) await client.query(statement);
          await client.query("insert into arca_migrations (tag, applied_at) values ($1, $2)", [tag, Date.now()]);
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw new Error(`PostgreSQL migration ${tag} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(tag);
      }
    } finally {
      await client.query("select pg_advisory_unlock(hashtext('arca migrations'))");
    }
  } finally {
    client.release();
  }
  return applied;
}
