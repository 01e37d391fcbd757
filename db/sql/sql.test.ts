import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestSchema } from "@/server/testing/postgres";
import { DeferredDatabase } from "./deferred";
import { PostgresDatabase } from "./postgres";
import type { Database } from "./sql";
import { SqliteDatabase } from "./sqlite";

// The same contract on both databases (issue 11): what the queries in db/ may rely on.
const postgresUrl = inject("postgresUrl");

const drivers: { name: string; open: () => Promise<{ db: Database; done: () => Promise<void> }>; skip?: string }[] = [
  {
    name: "sqlite",
    open: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-sql-"));
      const db = new SqliteDatabase(path.join(dir, "t.sqlite"));
      return Promise.resolve({ db, done: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) });
    },
  },
  {
    // PostgreSQL opens this way (db/client.ts openPostgres): the whole contract holds through the wrapper.
    name: "deferred (opening) sqlite",
    open: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-sql-"));
      const db = new DeferredDatabase("sqlite", async () => {
        await new Promise((r) => setTimeout(r, 20));
        return new SqliteDatabase(path.join(dir, "t.sqlite"));
      });
      return Promise.resolve({ db, done: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) });
    },
  },
  {
    name: "postgres",
    skip: postgresUrl ? undefined : "no PostgreSQL for this run (server/testing/postgres.ts says how to get one)",
    open: async () => {
      const schema = await createTestSchema(postgresUrl!);
      const db = new PostgresDatabase(schema.url);
      return { db, done: async () => (await db.close(), await schema.drop()) };
    },
  },
];

for (const driver of drivers) {
  describe.skipIf(driver.skip)(`the ${driver.name} driver`, () => {
    let db: Database;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ db, done } = await driver.open());
      await db.run("create table counters (name text primary key, next_index integer not null)");
      await db.run("create table items (id integer primary key, counter text not null, idx integer not null, size bigint not null, flag integer not null default 0, unique (counter, idx))");
    });
    afterAll(async () => done?.());

    it("returns rows in one shape: camelCase aliases, numbers for counts and sums, 1/0 for truth", async () => {
      await db.run("insert into counters (name, next_index) values (?, ?)", ["a", 0]);
      await db.runMany("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [
        [1, "a", 0, 5_000_000_000],
        [2, "a", 1, 7],
      ]);
      const row = await db.get<{ itemCount: number; totalSize: number; hasBig: number; name: string }>(
        "select count(*) as itemCount, sum(size) as totalSize, exists(select 1 from items where size > ?) as hasBig, 'it''s ? here' as name from items",
        [1000],
      );
      expect(row).toEqual({ itemCount: 2, totalSize: 5_000_000_007, hasBig: 1, name: "it's ? here" });
      expect(await db.get("select id from items where id = ?", [99])).toBeUndefined();
      // LIKE ignores ASCII case on both, as SQLite's does.
      expect(await db.all("select id from items where counter like ? order by id", ["A"])).toEqual([{ id: 1 }, { id: 2 }]);
    });

    it("reports changes, and returns inserted ids with `returning`", async () => {
      expect((await db.run("update items set flag = 1 where counter = ?", ["a"])).changes).toBe(2);
      expect(await db.get("insert into items (id, counter, idx, size) values (?, ?, ?, ?) returning id", [3, "a", 2, 1])).toEqual({ id: 3 });
      expect((await db.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?) on conflict do nothing", [3, "a", 2, 1])).changes).toBe(0);
    });

    it("rolls a transaction back when it throws, and a savepoint alone when a nested one does", async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [10, "a", 10, 1]);
          throw new Error("no");
        }),
      ).rejects.toThrow("no");
      expect(await db.get("select id from items where id = 10")).toBeUndefined();

      await db.transaction(async (tx) => {
        await tx.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [11, "a", 11, 1]);
        await expect(
          tx.transaction(async (inner) => {
            await inner.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [12, "a", 12, 1]);
            throw new Error("inner");
          }),
        ).rejects.toThrow("inner");
      });
      expect(await db.all("select id from items where id in (11, 12) order by id")).toEqual([{ id: 11 }]);
    });

    it("keeps a transaction's work invisible to reads outside it until it commits", async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inside!: () => void;
      const started = new Promise<void>((r) => (inside = r));
      const writer = db.transaction(async (tx) => {
        await tx.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [20, "a", 20, 1]);
        inside();
        await gate;
      });
      await started;
      expect(await db.get("select id from items where id = 20")).toBeUndefined();
      release();
      await writer;
      expect(await db.get("select id from items where id = 20")).toEqual({ id: 20 });
    });

    it("joins the ambient transaction when a query is given the outer handle inside one", async () => {
      await expect(
        db.transaction(async () => {
          await db.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [30, "a", 30, 1]);
          expect(await db.get("select id from items where id = 30")).toEqual({ id: 30 });
          throw new Error("undo");
        }),
      ).rejects.toThrow("undo");
      expect(await db.get("select id from items where id = 30")).toBeUndefined();
    });

    it("allocates dense, unique indexes to 16 concurrent writers (the version index pattern)", async () => {
      await db.run("insert into counters (name, next_index) values (?, ?)", ["dense", 0]);
      await Promise.all(
        Array.from({ length: 16 }, (_, w) =>
          db.transaction(async (tx) => {
            const { idx } = (await tx.get<{ idx: number }>("update counters set next_index = next_index + 1 where name = ? returning next_index - 1 as idx", ["dense"]))!;
            await new Promise((r) => setTimeout(r, 1));
            await tx.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [1000 + w, "dense", idx, 0]);
          }),
        ),
      );
      const rows = await db.all<{ idx: number }>("select idx from items where counter = ? order by idx", ["dense"]);
      expect(rows.map((r) => r.idx)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    });

    it("serializes read-then-write transactions that lock a parent row `for update` (max + 1 under a lock)", async () => {
      await db.run("insert into counters (name, next_index) values (?, ?)", ["locked", 0]);
      await Promise.all(
        Array.from({ length: 16 }, (_, w) =>
          db.transaction(async (tx) => {
            await tx.get("select name from counters where name = ? for update", ["locked"]);
            const { idx } = (await tx.get<{ idx: number }>("select coalesce(max(idx) + 1, 0) as idx from items where counter = ?", ["locked"]))!;
            await new Promise((r) => setTimeout(r, 1));
            await tx.run("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", [2000 + w, "locked", idx, 0]);
          }),
        ),
      );
      const rows = await db.all<{ idx: number }>("select idx from items where counter = ? order by idx", ["locked"]);
      expect(rows.map((r) => r.idx)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    });

    it("holds a named lock around work outside the database: one holder per key at a time, other keys free", async () => {
      const events: string[] = [];
      let otherDone!: () => void;
      // "first" holds blob:a until "other" (another key) has finished, or 5 s if it waited for blob:a.
      const otherFinished = Promise.race([new Promise<void>((r) => (otherDone = r)), new Promise((r) => setTimeout(r, 5000))]);
      const hold = (key: string, name: string, work: () => Promise<unknown>) =>
        db.withLock(key, async () => {
          events.push(`${name} in`);
          await db.get("select 1 as one"); // the holder may query while it holds the lock
          await work();
          events.push(`${name} out`);
          return name;
        });
      const first = hold("blob:a", "first", () => otherFinished);
      // The others ask once "first" holds the key (asked together, either could win the race for it).
      while (!events.includes("first in")) await new Promise((r) => setTimeout(r, 1));
      const other = hold("blob:b", "other", () => Promise.resolve()).finally(() => otherDone());
      const results = await Promise.all([first, hold("blob:a", "second", () => Promise.resolve()), other]);
      expect(results).toEqual(["first", "second", "other"]);
      // "other" ran while "first" held blob:a; "second" only after "first" let go.
      expect(events.indexOf("other out")).toBeLessThan(events.indexOf("first out"));
      expect(events.indexOf("second in")).toBeGreaterThan(events.indexOf("first out"));
      await expect(db.withLock("blob:a", () => Promise.reject(new Error("upload failed")))).rejects.toThrow("upload failed");
      expect(await db.withLock("blob:a", () => Promise.resolve("free again"))).toBe("free again");
    });

    it("inserts many rows in one call, past PostgreSQL's parameter limit", async () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => [5000 + i, "bulk", i, i] as const);
      expect((await db.runMany("insert into items (id, counter, idx, size) values (?, ?, ?, ?)", rows)).changes).toBe(20_000);
      expect(await db.get("select count(*) as n, sum(idx) as s from items where counter = ?", ["bulk"])).toEqual({ n: 20_000, s: (19_999 * 20_000) / 2 });
    });

    it("refuses a transaction handle used after its transaction ended", async () => {
      let kept!: import("./sql").Sql;
      await db.transaction((tx) => {
        kept = tx;
        return Promise.resolve();
      });
      await expect(kept.get("select 1 as one")).rejects.toThrow("has ended");
    });
  });
}

describe("a database that could not be opened", () => {
  it("fails every call, and ready(), with the reason", async () => {
    const db = new DeferredDatabase("postgres", () => Promise.reject(new Error("password authentication failed for user \"arca\"")));
    await expect(db.ready()).rejects.toThrow(/password authentication failed/);
    await expect(db.get("select 1")).rejects.toThrow(/password authentication failed/);
    await expect(db.transaction(() => Promise.resolve(1))).rejects.toThrow(/password authentication failed/);
    await db.close();
  });
});

// server/http/read-cache.ts keeps answers while this stamp stays the same.
describe("SQLite's change stamp", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-stamp-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("changes with every commit, by this process's writer or another connection, and not with reads", async () => {
    const sql = new SqliteDatabase(path.join(dir, "arca.sqlite"));
    await sql.run("create table projects (id integer primary key, entity text, name text, created_at integer, updated_at integer)");
    const first = sql.changeStamp();
    await sql.all("select * from projects");
    expect(sql.changeStamp()).toBe(first);
    await sql.run("insert into projects (entity, name, created_at, updated_at) values ('e', 'p', 0, 0)");
    const second = sql.changeStamp();
    expect(second).not.toBe(first);
    const other = new BetterSqlite3(path.join(dir, "arca.sqlite")); // a CLI, another process
    other.prepare("update projects set updated_at = 1").run();
    other.close();
    expect(sql.changeStamp()).not.toBe(second);
    await sql.close();
    expect(new SqliteDatabase(":memory:").changeStamp()).toBeNull();
  });
});
