// A worker thread that runs SQL against a SQLite file for the main thread (server/workers/sqlite.ts):
// statements that take seconds (indexing a table, sorting a column) run here so the server's event loop
// keeps answering. Plain JavaScript on purpose: it is loaded from disk by path, outside Next's bundles.
import { parentPort } from "node:worker_threads";
import Database from "better-sqlite3";

/** @param {import("better-sqlite3").Database} db @param {{ sql: string, params?: unknown[], mode: "exec" | "run" | "get" | "all" }} step */
function runStep(db, step) {
  if (step.mode === "exec") {
    db.exec(step.sql);
    return null;
  }
  const statement = db.prepare(step.sql);
  const params = step.params ?? [];
  if (step.mode === "run") return statement.run(...params).changes;
  if (step.mode === "get") return statement.get(...params) ?? null;
  return statement.all(...params);
}

parentPort.on("message", (job) => {
  let db;
  try {
    db = new Database(job.file);
    for (const pragma of job.pragmas ?? []) db.pragma(pragma);
    const results = job.steps.map((step) => runStep(db, step));
    parentPort.postMessage({ id: job.id, result: results });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: { message: String(error?.message ?? error), code: error?.code ?? null } });
  } finally {
    if (db?.open) db.close();
  }
});
