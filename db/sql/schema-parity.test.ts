import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb } from "@/db/client";
import type { SqliteDatabase } from "./sqlite";
import { createTestSchema } from "@/server/testing/postgres";
import { migratePostgres } from "./migrate-postgres";
import { PostgresDatabase } from "./postgres";

// One source of truth (issue 11): the committed PostgreSQL migrations build the same tables, columns and
// indexes as the SQLite ones, because both come from db/schema (db/schema-pg/derive.ts).
const postgresUrl = inject("postgresUrl");

describe.skipIf(!postgresUrl)("the PostgreSQL migrations", () => {
  let pg: PostgresDatabase;
  let sqlite: SqliteDatabase;
  let dir: string;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const schema = await createTestSchema(postgresUrl!);
    url = schema.url;
    drop = () => schema.drop();
    pg = new PostgresDatabase(url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-parity-"));
    sqlite = openDb(path.join(dir, "arca.sqlite")).sql;
  });
  afterAll(async () => {
    await pg?.close();
    await sqlite?.close();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("apply once, from two instances starting together", async () => {
    const other = new PostgresDatabase(url);
    try {
      const [a, b] = await Promise.all([migratePostgres(pg), migratePostgres(other)]);
      expect([...a, ...b]).toEqual(fs.readdirSync("db/migrations-pg").filter((f) => f.endsWith(".sql")).map((f) => f.replace(/\.sql$/, "")));
      expect(await migratePostgres(pg)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("sort every text column by code point, as SQLite does (a new text column needs the C collation too)", async () => {
    const text = await pg.all<{ column: string; collation: string | null }>(
      `select table_name || '.' || column_name as column, collation_name as collation from information_schema.columns
       where table_schema = current_schema() and data_type = 'text' and table_name <> 'arca_migrations' order by 1`,
    );
    expect(text.length).toBeGreaterThan(20);
    expect(text.filter((c) => c.collation !== "C").map((c) => c.column)).toEqual([]);
  });

  it("give PostgreSQL every table, column and index SQLite has", async () => {
    const sqliteTables = (sqlite.connection.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[]).map((r) => r.name);
    const shape = (table: string) => ({
      columns: (sqlite.connection.prepare(`pragma table_info(${table})`).all() as { name: string; notnull: number; pk: number }[])
        .map((c) => `${c.name}${c.notnull || c.pk ? " not null" : ""}`)
        .sort(),
      indexes: (sqlite.connection.prepare(`pragma index_list(${table})`).all() as { name: string; unique: number; origin: string }[])
        .filter((i) => i.origin === "c")
        .map((i) => `${i.name}${i.unique ? " unique" : ""}`)
        .sort(),
    });
    const pgShape = async (table: string) => ({
      columns: (
        await pg.all<{ name: string; nullable: string }>(
          "select column_name as name, is_nullable as nullable from information_schema.columns where table_schema = current_schema() and table_name = ?",
          [table],
        )
      )
        .map((c) => `${c.name}${c.nullable === "NO" ? " not null" : ""}`)
        .sort(),
      indexes: (
        await pg.all<{ name: string; isUnique: number }>(
          `select i.relname as name, x.indisunique as isUnique from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
           where t.relname = ? and t.relnamespace = current_schema()::regnamespace and not x.indisprimary`,
          [table],
        )
      )
        .map((i) => `${i.name}${i.isUnique ? " unique" : ""}`)
        .sort(),
    });
    expect(sqliteTables.length).toBeGreaterThan(15);
    for (const table of sqliteTables) expect({ table, ...(await pgShape(table)) }).toEqual({ table, ...shape(table) });
  });
});
