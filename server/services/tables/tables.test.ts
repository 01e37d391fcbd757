import fs from "node:fs";
import { threadId } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PayloadTooLargeError, ValidationError } from "../../errors";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { naturalCompare } from "./format";
import { readTableLimits } from "./limits";
import { getTablePage, getTableRow } from "./query";
import { openTable, openTableWhenReady, tablesDir } from "./registry";
import { listVersionTables } from "./source";
import { getTableStatus } from "./status";
import { sqliteWorkerThreads } from "../../workers/sqlite";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const COLUMNS = ["id", "name", "score", "ok", "extra"];

function part(start: number, count: number, columns = COLUMNS): string {
  const data = Array.from({ length: count }, (_, k) => {
    const i = start + k;
    return [i, `item ${i}`, i % 3 === 0 ? null : (i * 7) % 10, i % 2 === 0, { nested: { i } }];
  });
  return JSON.stringify({ _type: "table", columns, data });
}

/** Logs a partitioned table whose parts are table_1, table_2, table_10 (natural order matters). */
async function logPartitioned(name = "preds", parts: [string, string][] = [
  ["t/parts/table_10.table.json", part(20, 10)],
  ["t/parts/table_2.table.json", part(10, 10)],
  ["t/parts/table_1.table.json", part(0, 10)],
]) {
  const entries = [await fileEntry(w.ctx, "t/preds.partitioned-table.json", JSON.stringify({ _type: "partitioned-table", parts_path: "t/parts" }))];
  for (const [path, text] of parts) entries.push(await fileEntry(w.ctx, path, text));
  return logArtifact(w.ctx, w.ns, name, { type: "evaluation", aliases: [], entries });
}

const ref = (path = "t/preds.partitioned-table.json", name = "preds", version = "v0") => ({ ...w.ns, name, version, path });
const page = (extra: Partial<Parameters<typeof getTablePage>[1]> = {}) =>
  getTablePage(w.ctx, { ...ref(), offset: 0, limit: 50, filters: [], ...extra });
const ids = (p: { rows: { cells: unknown[] }[] }) => p.rows.map((r) => r.cells[0]);

describe("table index", () => {
  it("orders parts naturally and pages by row number", async () => {
    expect(["table_10", "table_2", "table_1"].sort(naturalCompare)).toEqual(["table_1", "table_2", "table_10"]);
    await logPartitioned();
    const first = await getTableStatus(w.ctx, ref());
    expect(first.state).toBe("building");
    await openTableWhenReady(w.ctx, ref());
    const status = await getTableStatus(w.ctx, ref());
    expect(status).toMatchObject({ state: "ready", rows: 30, kind: "partitioned" });
    if (status.state !== "ready") return;
    expect(status.columns.map((c) => `${c.name}:${c.type}`)).toEqual(["id:int", "name:string", "score:int", "ok:bool", "extra:json"]);
    expect(status.parts.map((p) => [p.path, p.rowStart])).toEqual([
      ["t/parts/table_1.table.json", 0],
      ["t/parts/table_2.table.json", 10],
      ["t/parts/table_10.table.json", 20],
    ]);
    const last = await page({ offset: 25, limit: 10 });
    expect(last.total).toBe(30);
    expect(ids(last)).toEqual([25, 26, 27, 28, 29]);
    expect(last.rows[0]!.cells).toEqual([25, "item 25", 5, false, { nested: { i: 25 } }]);
    expect(await getTableRow(w.ctx, ref(), 12)).toEqual({ index: 12, cells: [12, "item 12", null, true, { nested: { i: 12 } }] });
  });

  it("sorts and filters on the server", async () => {
    await logPartitioned();
    await openTableWhenReady(w.ctx, ref());
    // score: null sorts first ascending; ties keep row order.
    const asc = await page({ sort: { column: 2, desc: false }, limit: 12 });
    expect(ids(asc)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 10, 20]);
    const desc = await page({ sort: { column: 2, desc: true }, limit: 3 });
    // Descending reads the ascending order backwards, ties included.
    expect(ids(desc)).toEqual([17, 7, 14]);
    expect(desc.rows.map((r) => r.cells[2])).toEqual([9, 9, 8]);
    expect((await page({ filters: [{ column: 3, op: "eq", value: "true" }] })).total).toBe(15);
    expect(ids(await page({ filters: [{ column: 1, op: "contains", value: "ITEM 2" }] }))).toEqual([2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(ids(await page({ filters: [{ column: 2, op: "range", min: 8, max: 9 }], sort: { column: 0, desc: true } }))).toEqual([17, 14, 7, 4]);
    expect((await page({ filters: [{ column: 2, op: "null" }] })).total).toBe(10);
    expect((await page({ filters: [{ column: 2, op: "notnull" }, { column: 3, op: "eq", value: "false" }] })).total).toBe(10);
    const filteredPage2 = await page({ filters: [{ column: 2, op: "notnull" }], offset: 15, limit: 10 });
    expect(filteredPage2).toMatchObject({ total: 20, offset: 15 });
    expect(ids(filteredPage2)).toEqual([23, 25, 26, 28, 29]);
  });

  it("builds sort, column and filter tables in a worker thread, with the same pages as before", async () => {
    await logPartitioned();
    const index = await openTableWhenReady(w.ctx, ref());
    expect(index.index.db.pragma("journal_mode", { simple: true })).toBe("wal");
    const jobsBefore = sqliteWorkerThreads().length;
    const sorted = await page({ sort: { column: 1, desc: false }, limit: 30 });
    expect(sqliteWorkerThreads().length).toBeGreaterThan(jobsBefore);
    expect(sqliteWorkerThreads().at(-1)).not.toBe(threadId);
    // Text order as SQLite's BINARY collation (code points), ties (none here) by row: what JS's default sort gives.
    expect(sorted.rows.map((r) => r.cells[1])).toEqual(Array.from({ length: 30 }, (_, i) => `item ${i}`).sort());
    const filtered = await page({ filters: [{ column: 3, op: "eq", value: "true" }], sort: { column: 1, desc: true } });
    expect(filtered.rows.map((r) => r.cells[1])).toEqual(Array.from({ length: 15 }, (_, i) => `item ${i * 2}`).sort().reverse());
    // Filter views are tables of the index file; more than the kept few are dropped again.
    for (let min = 0; min < 8; min++) await page({ filters: [{ column: 0, op: "range", min }] });
    const views = () => index.index.db.prepare("select count(*) as n from sqlite_master where name like 'fview%'").get() as { n: number };
    expect(views().n).toBe(6);
  });

  it("shares one index between versions with the same part files", async () => {
    await logPartitioned();
    await openTableWhenReady(w.ctx, ref());
    const parts = [await fileEntry(w.ctx, "other/table.table.json", part(0, 5))];
    await logArtifact(w.ctx, w.ns, "single", { type: "evaluation", aliases: [], entries: parts });
    await logArtifact(w.ctx, w.ns, "single", { type: "evaluation", aliases: [], entries: [...parts, await fileEntry(w.ctx, "readme.md", "x")] });
    await openTableWhenReady(w.ctx, ref("other/table.table.json", "single", "v0"));
    expect((await openTable(w.ctx, ref("other/table.table.json", "single", "v1"))).state).toBe("ready");
    expect(fs.readdirSync(tablesDir(w.ctx)).filter((f) => f.endsWith(".sqlite"))).toHaveLength(2);
    expect(await listVersionTables(w.ctx, w.ns, "preds", "v0")).toEqual([{ path: "t/preds.partitioned-table.json", kind: "partitioned", size: expect.any(Number), parts: 3 }]);
  });

  it("names the part whose columns differ", async () => {
    await logPartitioned("bad", [
      ["t/parts/table_1.table.json", part(0, 3)],
      ["t/parts/table_2.table.json", part(3, 3, ["id", "name", "score", "ok", "other"])],
    ]);
    const error = await openTableWhenReady(w.ctx, ref(undefined, "bad")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      'part t/parts/table_2.table.json has different columns from t/parts/table_1.table.json: it lacks "extra" and adds "other". All parts of a partitioned table must have the same columns.',
    );
    // The failure is kept: asking again answers at once with the same words.
    expect(await getTableStatus(w.ctx, ref(undefined, "bad"))).toMatchObject({ state: "failed", message: (error as Error).message });
  });

  it("names the file and position of malformed JSON", async () => {
    const broken = '{"_type": "table", "columns": ["a"],\n "data": [[1], [2],, [3]]}';
    await logPartitioned("broken", [
      ["t/parts/table_1.table.json", JSON.stringify({ columns: ["a"], data: [[0]] })],
      ["t/parts/table_2.table.json", broken],
    ]);
    const error = await openTableWhenReady(w.ctx, ref(undefined, "broken")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^t\/parts\/table_2\.table\.json is not valid JSON: error at line 2, column 20 \(character 57\)/);
  });

  it("refuses a table over the configured limits", async () => {
    await logPartitioned();
    const limits = { ...readTableLimits({}), maxRows: 15 };
    const error = await openTableWhenReady(w.ctx, ref(), limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toMatch(/more than 15 rows.*ARCA_TABLE_MAX_ROWS.*table_2\.table\.json/);
    const tiny = { ...readTableLimits({}), maxPartBytes: 100 };
    await expect(openTable(w.ctx, ref("t/parts/table_1.table.json"), tiny)).rejects.toThrow(/over the 100 B a part may have/);
  });
});
