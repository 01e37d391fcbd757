import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { versions } from "./versions";

export const EDIT_ACTIONS = ["description", "metadata", "aliases", "delete"] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** Every change after commit: who, when, before and after (JSON). */
export const versionEdits = sqliteTable(
  "version_edits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => versions.id),
    actor: text("actor").notNull(),
    action: text("action", { enum: EDIT_ACTIONS }).notNull(),
    before: text("before").notNull(),
    after: text("after").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("version_edits_version_idx").on(t.versionId, t.id)],
);
