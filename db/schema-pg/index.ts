import { is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as sqlite from "../schema";
import { derivePostgresTables } from "./derive";

// Every table of db/schema, for drizzle-kit's PostgreSQL migrations (drizzle.pg.config.ts). drizzle-kit only
// sees named exports, so a table added to db/schema is named here too; db/sql/schema-parity.test.ts fails
// until it is (PostgreSQL would lack the table).
const tables = Object.fromEntries(Object.entries(sqlite).filter(([, v]) => is(v, SQLiteTable))) as Record<string, SQLiteTable>;
const pg = derivePostgresTables(tables);

export const {
  projects,
  collections,
  versions,
  aliases,
  entries,
  blobs,
  runs,
  runEdges,
  versionEdits,
  users,
  sessions,
  accounts,
  verifications,
  teams,
  memberships,
  apiKeys,
  auditEvents,
  wandbDrafts,
  jobs,
} = pg;
