import { defineConfig } from "drizzle-kit";

// PostgreSQL's migrations, from the tables derived from the SQLite schema (db/schema-pg/derive.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg/index.ts",
  out: "./db/migrations-pg",
});
