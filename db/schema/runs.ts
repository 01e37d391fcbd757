import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { projects } from "./projects";

export const RUN_STATES = ["running", "finished", "crashed", "failed"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const runs = sqliteTable(
  "runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    runId: text("run_id").notNull(),
    name: text("name").notNull(),
    jobType: text("job_type"),
    group: text("group_name"),
    state: text("state", { enum: RUN_STATES }).notNull().default("running"),
    config: text("config").notNull().default("{}"),
    // The final summary metrics (W&B's wandb-summary.json), replaced by each summary the client sends.
    summary: text("summary").notNull().default("{}"),
    // History rows received (run.log); the rows themselves are not kept (docs/wandb.md).
    historyLineCount: integer("history_line_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("runs_project_run_uq").on(t.projectId, t.runId),
    index("runs_project_created_idx").on(t.projectId, t.createdAt),
  ],
);
