import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/**
 * Long work (a cleanup of 100,000 versions, GC, key rotation, indexing a committed table) as rows, so
 * that with several instances on one database exactly one claims each job and any instance can show
 * its progress (issue 11). `owner` is the claiming instance; its `heartbeat_at` moves while it works,
 * and a job whose heartbeat stopped (the instance died) is claimed again by another: handlers are
 * written to be run again (each batch its own transaction, re-selecting what is left).
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    /** What the job belongs to, for who may see it ("entity/project" for a project's cleanup); null: the instance's. */
    scope: text("scope"),
    /** queued → running → succeeded | failed */
    state: text("state").notNull(),
    /** The handler's input, JSON. */
    input: text("input").notNull(),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    /** JSON of the handler's result, once it succeeded. */
    result: text("result"),
    error: text("error"),
    /** The domain error's code (server/errors.ts) of a failed job, so a caller waiting for it answers the right status. */
    errorCode: text("error_code"),
    owner: text("owner"),
    attempts: integer("attempts").notNull().default(0),
    heartbeatAt: integer("heartbeat_at"),
    createdAt: createdAt(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("jobs_state_created_idx").on(t.state, t.createdAt), index("jobs_kind_state_idx").on(t.kind, t.state)],
);
