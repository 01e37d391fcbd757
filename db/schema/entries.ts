import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { versions } from "./versions";

/** One manifest entry: a stored file (blobSha256 set) or a reference (ref set). */
export const entries = sqliteTable(
  "entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => versions.id),
    path: text("path").notNull(),
    digest: text("digest").notNull(),
    size: integer("size").notNull().default(0),
    blobSha256: text("blob_sha256"),
    ref: text("ref"),
    extra: text("extra"),
  },
  (t) => [
    uniqueIndex("entries_version_path_uq").on(t.versionId, t.path),
    index("entries_blob_idx").on(t.blobSha256),
  ],
);
