import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { collections } from "./collections";
import { versions } from "./versions";

/** An alias points at exactly one version of its collection: the unique index makes a move atomic. */
export const aliases = sqliteTable(
  "aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    collectionId: integer("collection_id")
      .notNull()
      .references(() => collections.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => versions.id),
    alias: text("alias").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("aliases_collection_alias_uq").on(t.collectionId, t.alias),
    index("aliases_version_idx").on(t.versionId),
  ],
);
