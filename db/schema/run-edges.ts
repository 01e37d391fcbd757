import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { runs } from "./runs";
import { versions } from "./versions";

export const EDGE_KINDS = ["logged", "used"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Lineage: run → version (logged) and version → run (used). Patched-from lives on versions. */
export const runEdges = sqliteTable(
  "run_edges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => runs.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => versions.id),
    kind: text("kind", { enum: EDGE_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("run_edges_uq").on(t.runId, t.versionId, t.kind),
    index("run_edges_version_idx").on(t.versionId, t.kind),
    // Lineage walks a run's inputs/outputs in edge-id order (the rowid rides along in the index): keyset pages.
    index("run_edges_run_kind_idx").on(t.runId, t.kind),
  ],
);
