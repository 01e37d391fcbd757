import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSql, SqliteWorkerError, sqliteWorkerThreads } from "./sqlite";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-sqlite-worker-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("SQLite worker pool", () => {
  it("runs the steps in order in another thread and returns each step's result", async () => {
    const file = path.join(dir, "a.sqlite");
    const results = await runSql({
      file,
      pragmas: ["journal_mode = WAL"],
      steps: [
        { mode: "exec", sql: "create table t (a integer primary key, b)" },
        { mode: "run", sql: "insert into t (b) select value from json_each(?)", params: [JSON.stringify(["x", 2, null, 10n.toString()])] },
        { mode: "get", sql: "select count(*) as n from t" },
        { mode: "all", sql: "select a, b from t where a > ? order by a", params: [2] },
        { mode: "get", sql: "select 1 from t where a = 99" },
      ],
    });
    expect(results).toEqual([null, 4, { n: 4 }, [{ a: 3, b: null }, { a: 4, b: "10" }], null]);
    expect(sqliteWorkerThreads().at(-1)).not.toBe(threadId);
    // The worker closed its connection: the main thread sees the committed rows.
    const db = new Database(file);
    expect(db.prepare("select count(*) as n from t").get()).toEqual({ n: 4 });
    db.close();
  });

  it("leaves the main thread's event loop free while a long statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // A few hundred milliseconds of SQLite work: run on this thread, no timer could fire before it ends.
    const job = runSql({
      file: path.join(dir, "b.sqlite"),
      steps: [{ mode: "get", sql: "with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select sum(x) as s from c" }],
    });
    const ticksWhenDone = await job.then((results) => {
      expect(results).toEqual([{ s: 4500001500000 }]);
      return ticks;
    });
    clearInterval(timer);
    expect(ticksWhenDone).toBeGreaterThan(0);
  });

  it("rejects with SQLite's message and code, and keeps serving the next job", async () => {
    const file = path.join(dir, "c.sqlite");
    const error = await runSql({ file, steps: [{ mode: "exec", sql: "select * from nowhere" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteWorkerError);
    expect(error).toMatchObject({ message: "no such table: nowhere", code: "SQLITE_ERROR" });
    expect(await runSql({ file, steps: [{ mode: "get", sql: "select 41 + 1 as v" }] })).toEqual([{ v: 42 }]);
  });

  it("runs more jobs than threads, each to its own result", async () => {
    const jobs = Array.from({ length: 7 }, (_, i) => runSql({ file: path.join(dir, `d${i}.sqlite`), steps: [{ mode: "get", sql: "select ? * 2 as v", params: [i] }] }));
    expect(await Promise.all(jobs)).toEqual(Array.from({ length: 7 }, (_, i) => [{ v: i * 2 }]));
  });
});
