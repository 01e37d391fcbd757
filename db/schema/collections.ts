import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { projects } from "./projects";

/** An artifact collection: every version of one name in one project. */
export const collections = sqliteTable(
  "collections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    name: text("name").notNull(),
    type: text("type").notNull(),
    description: text("description").notNull().default(""),
    // Version indexes are never reused, even after deletion: W&B users rely on vN being stable.
    nextVersionIndex: integer("next_version_index").notNull().default(0),
    // Kept up to date on commit/delete so lists never recount.
    versionCount: integer("version_count").notNull().default(0),
    // Sum of the committed versions' sizes (logical bytes, before dedup), kept like versionCount.
    totalSize: integer("total_size").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("collections_project_name_uq").on(t.projectId, t.name),
    index("collections_project_type_idx").on(t.projectId, t.type),
  ],
);
