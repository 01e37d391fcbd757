import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, makeRun, type TestWorld } from "../../testing/factory";
import { versionsGrid } from "./grid";
import { logArtifact } from "./log";
import { useArtifact } from "./use";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

/** v0…v6 with growing sizes, `best` on v2, metadata {i, even}. */
async function seven() {
  const run = await makeRun(w, { id: "producer" });
  for (let i = 0; i < 7; i++) {
    w.clock.now += 1000;
    await logArtifact(w.ctx, w.ns, "m", {
      type: "model",
      aliases: i === 2 ? ["best"] : [],
      metadata: { i, even: i % 2 === 0, eval: { acc: i / 10 } },
      runId: run.id,
      entries: [await fileEntry(w.ctx, "w", "x".repeat(10 + i))],
    });
  }
  return run;
}

const labels = (page: Awaited<ReturnType<typeof versionsGrid>>) => page.rows.map((r) => r.version);

describe("versions grid", () => {
  it("pages forwards and backwards with keysets, counting total and offset", async () => {
    await seven();
    const first = await versionsGrid(w.ctx, w.ns, "m", { limit: 3 });
    expect(labels(first)).toEqual(["v6", "v5", "v4"]);
    expect(first).toMatchObject({ total: 7, offset: 0, prevCursor: null });
    const second = await versionsGrid(w.ctx, w.ns, "m", { limit: 3, page: `after:${first.nextCursor}` });
    expect(labels(second)).toEqual(["v3", "v2", "v1"]);
    expect(second.offset).toBe(3);
    const back = await versionsGrid(w.ctx, w.ns, "m", { limit: 3, page: `before:${second.prevCursor}` });
    expect(labels(back)).toEqual(["v6", "v5", "v4"]);
    const last = await versionsGrid(w.ctx, w.ns, "m", { limit: 3, page: "last" });
    expect(labels(last)).toEqual(["v2", "v1", "v0"]);
    expect(last).toMatchObject({ offset: 4, nextCursor: null });
    expect(last.prevCursor).not.toBeNull();
  });

  it("sorts by size ascending and filters by alias, metadata and creation time", async () => {
    await seven();
    expect(labels(await versionsGrid(w.ctx, w.ns, "m", { sort: "size", dir: "asc", limit: 2 }))).toEqual(["v0", "v1"]);
    expect(labels(await versionsGrid(w.ctx, w.ns, "m", { alias: "with" }))).toEqual(["v6", "v2"]);
    expect((await versionsGrid(w.ctx, w.ns, "m", { alias: "without" })).total).toBe(5);
    expect(labels(await versionsGrid(w.ctx, w.ns, "m", { meta: "even=true", limit: 2 }))).toEqual(["v6", "v4"]);
    expect(labels(await versionsGrid(w.ctx, w.ns, "m", { meta: "eval.acc=0.3" }))).toEqual(["v3"]);
    const from = Date.UTC(2026, 0, 1) + 5500;
    expect(labels(await versionsGrid(w.ctx, w.ns, "m", { createdFrom: from }))).toEqual(["v6", "v5"]);
  });

  it("shows the producer run and counts consumers", async () => {
    const run = await seven();
    const consumer = await makeRun(w, { id: "reader" });
    await useArtifact(w.ctx, w.ns, { ref: "m:v6", runId: consumer.id });
    const [top] = (await versionsGrid(w.ctx, w.ns, "m", { limit: 1 })).rows;
    expect(top).toMatchObject({ version: "v6", producer: { id: run.id }, consumers: 1 });
  });

  it("refuses a malformed filter or page link in words", async () => {
    await seven();
    await expect(versionsGrid(w.ctx, w.ns, "m", { meta: "nokey" })).rejects.toThrow(/key=value/);
    await expect(versionsGrid(w.ctx, w.ns, "m", { page: "after:garbage" })).rejects.toThrow(/no longer valid/);
  });
});
