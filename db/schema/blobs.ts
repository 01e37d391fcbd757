import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, timestampMs } from "./columns";

/** Content-addressed file bytes, shared by every version and collection. */
export const blobs = sqliteTable(
  "blobs",
  {
    sha256: text("sha256").primaryKey(),
    size: integer("size").notNull(),
    md5: text("md5").notNull(),
    createdAt: createdAt(),
    // Set when a client announces it will reference this blob: GC leaves it alone until then.
    leasedUntil: timestampMs("leased_until"),
  },
  (t) => [
    index("blobs_created_idx").on(t.createdAt),
    // The W&B protocol names files by MD5 (CreateArtifactFiles, manifests): find the blob by (md5, size).
    index("blobs_md5_size_idx").on(t.md5, t.size),
  ],
);
