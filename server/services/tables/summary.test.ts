import { threadId } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as workers from "../../workers/sqlite";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { openTableWhenReady } from "./registry";
import { getTableSummary, histogramBins } from "./summary";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("histogramBins", () => {
  it("gives a short integer range one bin per value", () => {
    expect(histogramBins(0, 9, true)).toEqual({ width: 1, count: 10 });
    expect(histogramBins(5, 5, true)).toEqual({ width: 1, count: 1 });
  });
  it("gives a long integer range whole-number widths that cover max", () => {
    const { width, count } = histogramBins(0, 99_999, true);
    expect(width).toBe(5000);
    expect(count).toBe(20);
    expect(0 + count * width).toBeGreaterThan(99_999);
    expect(histogramBins(0, 20, true)).toEqual({ width: 2, count: 11 });
  });
  it("splits floats into equal bins, and a constant column into one", () => {
    expect(histogramBins(0.5, 1, false)).toEqual({ width: 0.025, count: 20 });
    expect(histogramBins(2.5, 2.5, false)).toEqual({ width: 1, count: 1 });
  });
});

describe("getTableSummary", () => {
  async function logTable(data: unknown[][], columns = ["id", "label", "score", "ok", "extra"]) {
    const entry = await fileEntry(w.ctx, "t.table.json", JSON.stringify({ _type: "table", columns, data }));
    await logArtifact(w.ctx, w.ns, "preds", { type: "evaluation", aliases: [], entries: [entry] });
    const ref = { ...w.ns, name: "preds", version: "v0", path: "t.table.json" };
    await openTableWhenReady(w.ctx, ref);
    return ref;
  }

  it("summarizes every row of every column, not a page", async () => {
    const labels = ["cat", "dog", "cat", "bird", "cat", "dog"];
    const data = Array.from({ length: 600 }, (_, i) => [i, i % 7 === 0 ? null : labels[i % 6], i % 10 === 0 ? null : (i % 100) / 100, i % 3 === 0, { i }]);
    const ref = await logTable(data);
    const jobs = vi.spyOn(workers, "runSql");
    const summary = await getTableSummary(w.ctx, ref);
    // The aggregates ran in worker threads (issue 13: a million-row column must not hold the event loop).
    const reads = jobs.mock.calls.filter(([job]) => job.steps.every((step) => step.mode === "get" || step.mode === "all"));
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(workers.sqliteWorkerThreads().at(-1)).not.toBe(threadId);
    jobs.mockRestore();
    expect(summary.rows).toBe(600);
    const [id, label, score, ok, extra] = summary.columns;

    expect(id).toMatchObject({ name: "id", type: "int", nulls: 0, numbers: 600, top: null });
    expect(id!.histogram).toMatchObject({ min: 0, max: 599, width: 30 });
    expect(id!.histogram!.counts).toEqual(new Array(20).fill(30));

    const labelNulls = data.filter((r) => r[1] === null).length;
    expect(label).toMatchObject({ type: "string", nulls: labelNulls, numbers: 0, histogram: null });
    const count = (v: string) => data.filter((r) => r[1] === v).length;
    expect(label!.top).toEqual({
      distinct: 3,
      values: [
        { value: "cat", count: count("cat") },
        { value: "dog", count: count("dog") },
        { value: "bird", count: count("bird") },
      ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    });

    expect(score).toMatchObject({ type: "float", nulls: 60, numbers: 540 });
    expect(score!.histogram!.min).toBe(0.01);
    expect(score!.histogram!.max).toBe(0.99);
    expect(score!.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(540);

    expect(ok!.top).toEqual({ distinct: 2, values: [{ value: false, count: 400 }, { value: true, count: 200 }] });
    expect(extra).toMatchObject({ type: "json", nulls: 0, histogram: null, top: null });
  });

  it("is computed once per table contents and kept in the index file", async () => {
    const ref = await logTable([[1, "a", 0.5, true, null]]);
    const first = await getTableSummary(w.ctx, ref);
    expect(await getTableSummary(w.ctx, ref)).toBe(first);
    // After a restart (index closed), the summary is read back, not recomputed.
    const ready = await openTableWhenReady(w.ctx, ref);
    const cached = ready.index.db.prepare<[], { v: string }>("select v from meta where k = 'summary-v1'").get();
    expect(JSON.parse(cached!.v)).toEqual(first);
    ready.index.db.prepare("update meta set v = ? where k = 'summary-v1'").run(JSON.stringify({ ...first, computeMs: -1 }));
    ready.index.db.close();
    expect((await getTableSummary(w.ctx, ref)).computeMs).toBe(-1);
  });
});
