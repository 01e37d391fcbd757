import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIG_INT_TYPE } from "@/lib/table-cells";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { getTablePage, getTableRow } from "./query";
import { openTableWhenReady } from "./registry";
import { listVersionTables } from "./source";
import { getTableStatus } from "./status";

/** Tables as W&B writes them, shown as they are (issue 12, "Fidelity with W&B"). */

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const ref = (path: string, name = "evals") => ({ ...w.ns, name, version: "v0", path });
const page = (path: string, extra: Partial<Parameters<typeof getTablePage>[1]> = {}) =>
  getTablePage(w.ctx, { ...ref(path), offset: 0, limit: 50, filters: [], ...extra });
const big = (digits: string) => ({ _type: BIG_INT_TYPE, digits });

async function log(files: Record<string, string>) {
  const entries = [];
  for (const [path, text] of Object.entries(files)) entries.push(await fileEntry(w.ctx, path, text));
  return logArtifact(w.ctx, w.ns, "evals", { type: "evaluation", aliases: [], entries });
}

describe("W&B tables, exactly", () => {
  it("keeps integers beyond 2^53 exact in pages, rows, sorting and filters", async () => {
    // Written by hand: JSON.stringify could not write these numbers.
    const text = `{"_type":"table","columns":["id","x","nested"],"data":[
      [9007199254740993, 1, {"ids": [12345678901234567890123]}],
      [9007199254740991, 2.5, null],
      [-9223372036854775807, 3, {"n": 1}],
      [1, 4, null]]}`;
    await log({ "ids.table.json": text });
    await openTableWhenReady(w.ctx, ref("ids.table.json"));
    const status = await getTableStatus(w.ctx, ref("ids.table.json"));
    expect(status.state === "ready" && status.columns.map((c) => c.type)).toEqual(["int", "number", "json"]);
    const first = await page("ids.table.json");
    expect(first.rows.map((r) => r.cells[0])).toEqual([big("9007199254740993"), 9007199254740991, big("-9223372036854775807"), 1]);
    expect(first.rows[0]!.cells[2]).toEqual({ ids: [big("12345678901234567890123")] });
    expect((await getTableRow(w.ctx, ref("ids.table.json"), 0)).cells[0]).toEqual(big("9007199254740993"));
    const sorted = await page("ids.table.json", { sort: { column: 0, desc: true } });
    expect(sorted.rows.map((r) => r.cells[1])).toEqual([1, 2.5, 4, 3]);
    const eq = await page("ids.table.json", { filters: [{ column: 0, op: "eq", value: "9007199254740993" }] });
    expect(eq.rows.map((r) => r.cells[1])).toEqual([1]);
  });

  it("lists a joined table and shows the inner join of its two tables on the key", async () => {
    await log({
      "preds.table.json": JSON.stringify({ columns: ["id", "pred", "score"], data: [[1, "cat", 0.9], [2, "dog", 0.4], [3, "cat", 0.7], [4, "eel", 0.1]] }),
      "truth.table.json": JSON.stringify({ columns: ["key", "label"], data: [[3, "cat"], [1, "dog"], [1, "cow"], [9, "ant"], [null, "none"]] }),
      "joined.joined-table.json": JSON.stringify({ _type: "joined-table", table1: "preds.table.json", table2: "truth.table.json", join_key: ["id", "key"] }),
    });
    expect(await listVersionTables(w.ctx, w.ns, "evals", "v0")).toEqual([
      { path: "joined.joined-table.json", kind: "joined", size: expect.any(Number), joins: ["preds.table.json", "truth.table.json"] },
      { path: "preds.table.json", kind: "table", size: expect.any(Number) },
      { path: "truth.table.json", kind: "table", size: expect.any(Number) },
    ]);
    await openTableWhenReady(w.ctx, ref("joined.joined-table.json"));
    const status = await getTableStatus(w.ctx, ref("joined.joined-table.json"));
    expect(status).toMatchObject({ state: "ready", kind: "joined", rows: 3, joins: ["preds.table.json", "truth.table.json"] });
    expect(status.state === "ready" && status.columns.map((c) => c.name)).toEqual(["id = key", "preds.pred", "preds.score", "truth.label"]);
    const rows = (await page("joined.joined-table.json")).rows.map((r) => r.cells);
    expect(rows).toEqual([[1, "cat", 0.9, "dog"], [1, "cat", 0.9, "cow"], [3, "cat", 0.7, "cat"]]);
    const filtered = await page("joined.joined-table.json", { filters: [{ column: 3, op: "eq", value: "cow" }] });
    expect(filtered.rows.map((r) => r.cells)).toEqual([[1, "cat", 0.9, "cow"]]);
  });

  it("names what is wrong with a joined table: unknown key, missing table", async () => {
    await log({
      "a.table.json": JSON.stringify({ columns: ["id"], data: [[1]] }),
      "bad-key.joined-table.json": JSON.stringify({ _type: "joined-table", table1: "a.table.json", table2: "a.table.json", join_key: "nope" }),
      "missing.joined-table.json": JSON.stringify({ _type: "joined-table", table1: "a.table.json", table2: "gone.table.json", join_key: "id" }),
      "self.joined-table.json": JSON.stringify({ _type: "joined-table", table1: "a.table.json", table2: "a.table.json", join_key: "id" }),
    });
    await expect(openTableWhenReady(w.ctx, ref("bad-key.joined-table.json"))).rejects.toThrow('bad-key.joined-table.json joins on "nope", but a.table.json has no such column (it has "id")');
    await expect(openTableWhenReady(w.ctx, ref("missing.joined-table.json"))).rejects.toThrow(/has no file "gone\.table\.json"/);
    await openTableWhenReady(w.ctx, ref("self.joined-table.json"));
    const status = await getTableStatus(w.ctx, ref("self.joined-table.json"));
    expect(status.state === "ready" && status.columns.map((c) => c.name)).toEqual(["id"]);
  });

  it("keeps tabs, newlines and image captions in cells", async () => {
    const image = { _type: "image-file", path: "media/images/cat.png", caption: "a cat", width: 8, height: 8, format: "png" };
    await log({ "media.table.json": JSON.stringify({ columns: ["text", "image"], data: [["a\tb\nc", image]] }) });
    await openTableWhenReady(w.ctx, ref("media.table.json"));
    expect((await page("media.table.json")).rows[0]!.cells).toEqual(["a\tb\nc", image]);
  });
});
