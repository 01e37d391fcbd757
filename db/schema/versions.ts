import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestampMs, updatedAt } from "./columns";
import { collections } from "./collections";

export const VERSION_STATES = ["PENDING", "COMMITTED", "DELETED"] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export const versions = sqliteTable(
  "versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    collectionId: integer("collection_id")
      .notNull()
      .references(() => collections.id),
    // Null while PENDING: indexes are handed out in commit order.
    versionIndex: integer("version_index"),
    state: text("state", { enum: VERSION_STATES }).notNull(),
    digest: text("digest"),
    size: integer("size").notNull().default(0),
    fileCount: integer("file_count").notNull().default(0),
    description: text("description").notNull().default(""),
    metadata: text("metadata").notNull().default("{}"),
    distributedId: text("distributed_id"),
    baseVersionId: integer("base_version_id"),
    // Grows with every edit; a save carrying an older revision is refused as stale.
    revision: integer("revision").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    committedAt: timestampMs("committed_at"),
    deletedAt: timestampMs("deleted_at"),
  },
  (t) => [
    uniqueIndex("versions_collection_index_uq").on(t.collectionId, t.versionIndex),
    index("versions_collection_digest_idx").on(t.collectionId, t.digest),
    index("versions_collection_state_idx").on(t.collectionId, t.state, t.versionIndex),
    // The versions grid sorts by size or creation time with keyset paging: each needs its own order.
    index("versions_collection_size_idx").on(t.collectionId, t.size),
    index("versions_collection_created_idx").on(t.collectionId, t.createdAt),
    // Lineage: "patched into" is the reverse of base_version_id.
    index("versions_base_idx").on(t.baseVersionId),
    // At most one open draft per distributed id.
    uniqueIndex("versions_open_draft_uq")
      .on(t.collectionId, t.distributedId)
      .where(sql`state = 'PENDING'`),
  ],
);
