import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, makeRun, type TestWorld } from "../../testing/factory";
import { finishArtifact, upsertArtifact } from "./collaborate";
import { listDrafts } from "./drafts";
import { logArtifact } from "./log";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());
const HOUR = 3_600_000;

describe("listDrafts", () => {
  it("lists pending drafts with their contributing runs, files and age, oldest first", async () => {
    await logArtifact(w.ctx, w.ns, "committed", { type: "t", aliases: [], entries: [await fileEntry(w.ctx, "a", "a")] });
    for (const [i, group] of ["g1", "g2", "g3"].entries()) {
      for (let writer = 0; writer < 2; writer++) {
        const run = await makeRun(w, { id: `${group}-w${writer}`, group });
        await upsertArtifact(w.ctx, w.ns, `eval-${i}`, { type: "evaluation", runId: run.id, aliases: [], entries: [await fileEntry(w.ctx, `part-${writer}`, `${group}${writer}`)] });
      }
      w.clock.now += HOUR;
    }
    await finishArtifact(w.ctx, w.ns, "eval-1", { type: "evaluation", distributedId: "g2", aliases: [], entries: [] });

    const page = await listDrafts(w.ctx, w.ns, {});
    expect(page.total).toBe(2);
    expect(page.items.map((d) => [d.name, d.distributedId, d.fileCount, d.runCount])).toEqual([
      ["eval-0", "g1", 2, 2],
      ["eval-2", "g3", 2, 2],
    ]);
    expect(page.items[0]!.runs.map((r) => r.runId)).toEqual(["g1-w0", "g1-w1"]);
    expect(page.items[0]!.selector).toBe(`draft-${page.items[0]!.id}`);
    expect((await listDrafts(w.ctx, w.ns, { sort: "newest" })).items.map((d) => d.name)).toEqual(["eval-2", "eval-0"]);
  });

  it("pages with a keyset cursor in both directions and refuses a bad cursor", async () => {
    for (let i = 0; i < 5; i++) {
      await upsertArtifact(w.ctx, w.ns, `d${i}`, { type: "t", distributedId: "x", aliases: [], entries: [await fileEntry(w.ctx, "f", `${i}`)] });
      if (i !== 2) w.clock.now += HOUR; // d2 and d3 share a creation time: the id breaks the tie
    }
    for (const sort of ["oldest", "newest"] as const) {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listDrafts(w.ctx, w.ns, { sort, cursor, limit: 2 });
        names.push(...page.items.map((d) => d.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(names).toEqual(sort === "oldest" ? ["d0", "d1", "d2", "d3", "d4"] : ["d4", "d3", "d2", "d1", "d0"]);
    }
    await expect(listDrafts(w.ctx, w.ns, { cursor: "zzz" })).rejects.toThrow("invalid cursor");
    await expect(listDrafts(w.ctx, { entity: "no", project: "pe" }, {})).rejects.toThrow("project no/pe does not exist");
  });
});
