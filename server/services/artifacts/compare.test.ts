import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, refEntry, type TestWorld } from "../../testing/factory";
import { changePageSql, compareVersions, listFileChanges, type ChangeFilter } from "./compare";
import { logArtifact } from "./log";
import { diffMetadata } from "./metadata-diff";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

async function seedPair() {
  await logArtifact(w.ctx, w.ns, "ds", {
    type: "dataset",
    description: "first line\nsecond line",
    metadata: { rows: 10, metrics: { acc: 0.9, f1: 0.8 }, gone: true },
    aliases: ["old"],
    entries: [
      await fileEntry(w.ctx, "a.txt", "same"),
      await fileEntry(w.ctx, "b.txt", "before"),
      await fileEntry(w.ctx, "c/removed.bin", Buffer.alloc(100)),
      refEntry("ref.csv", "s3://bucket/ref.csv", "etag-1"),
    ],
  });
  await logArtifact(w.ctx, w.ns, "ds", {
    type: "dataset",
    description: "first line\nsecond line, edited",
    metadata: { rows: 12, metrics: { f1: 0.8, acc: 0.95 }, fresh: [1, 2] },
    aliases: [],
    entries: [
      await fileEntry(w.ctx, "a.txt", "same"),
      await fileEntry(w.ctx, "b.txt", "after, longer"),
      await fileEntry(w.ctx, "d/added.bin", Buffer.alloc(40)),
      refEntry("ref.csv", "s3://bucket/ref.csv", "etag-2"),
    ],
  });
}

describe("compareVersions", () => {
  it("summarises added, removed and changed files with size deltas, metadata and description", async () => {
    await seedPair();
    const cmp = await compareVersions(w.ctx, w.ns, "ds", "old", "v1");
    expect(cmp.a.version).toBe("v0");
    expect(cmp.b.version).toBe("v1");
    expect(cmp.sameContents).toBe(false);
    expect(cmp.summary).toEqual({
      added: 1,
      removed: 1,
      changed: 2,
      unchanged: 1,
      addedBytes: 40,
      removedBytes: 100,
      changedBytesDelta: "after, longer".length - "before".length,
      sizeDelta: 4 + 13 + 40 - (4 + 6 + 100),
    });
    expect(cmp.metadata).toEqual([
      { key: ["fresh"], kind: "added", after: [1, 2] },
      { key: ["gone"], kind: "removed", before: true },
      { key: ["metrics", "acc"], kind: "changed", before: 0.9, after: 0.95 },
      { key: ["metrics", "f1"], kind: "unchanged", before: 0.8, after: 0.8 },
      { key: ["rows"], kind: "changed", before: 10, after: 12 },
    ]);
    expect(cmp.description).toEqual({ before: "first line\nsecond line", after: "first line\nsecond line, edited", changed: true });
    expect(cmp.a).not.toHaveProperty("metadata");
  });

  it("short-cuts identical contents and refuses unknown selectors with the store's message", async () => {
    await seedPair();
    const same = await compareVersions(w.ctx, w.ns, "ds", "v1", "latest");
    expect(same.sameContents).toBe(true);
    expect(same.summary).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 4, sizeDelta: 0 });
    expect((await listFileChanges(w.ctx, w.ns, "ds", "v1", "latest", {})).items).toEqual([]);
    await expect(compareVersions(w.ctx, w.ns, "ds", "v0", "v9")).rejects.toThrow("version ds:v9 does not exist");
  });
});

describe("listFileChanges", () => {
  it("lists changes in path order, filtered by kind", async () => {
    await seedPair();
    const list = async (filter: ChangeFilter) => (await listFileChanges(w.ctx, w.ns, "ds", "v0", "v1", { filter })).items.map((c) => `${c.kind}:${c.path}`);
    expect(await list("all")).toEqual(["changed:b.txt", "removed:c/removed.bin", "added:d/added.bin", "changed:ref.csv"]);
    expect(await list("added")).toEqual(["added:d/added.bin"]);
    expect(await list("removed")).toEqual(["removed:c/removed.bin"]);
    expect(await list("changed")).toEqual(["changed:b.txt", "changed:ref.csv"]);
    const ref = (await listFileChanges(w.ctx, w.ns, "ds", "v0", "v1", { filter: "changed" })).items[1]!;
    expect(ref).toEqual({
      path: "ref.csv",
      kind: "changed",
      before: { digest: "etag-1", size: 0, ref: "s3://bucket/ref.csv" },
      after: { digest: "etag-2", size: 0, ref: "s3://bucket/ref.csv" },
    });
  });

  it("pages by path with a cursor across both sides of the merge", async () => {
    const left = [];
    const right = [];
    for (let i = 0; i < 30; i++) {
      const name = `f${String(i).padStart(2, "0")}`;
      // even: only in A; multiples of 3: only in B; the rest: in both, changed when i % 5 == 0
      if (i % 2 === 0) left.push(await fileEntry(w.ctx, name, `a${i}`));
      else if (i % 3 === 0) right.push(await fileEntry(w.ctx, name, `b${i}`));
      else {
        left.push(await fileEntry(w.ctx, name, `x${i}`));
        right.push(await fileEntry(w.ctx, name, i % 5 === 0 ? `y${i}` : `x${i}`));
      }
    }
    await logArtifact(w.ctx, w.ns, "big", { type: "t", aliases: [], entries: left });
    await logArtifact(w.ctx, w.ns, "big", { type: "t", aliases: [], entries: right });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listFileChanges(w.ctx, w.ns, "big", "v0", "v1", { cursor, limit: 4 });
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((c) => c.path));
      cursor = page.nextCursor;
    } while (cursor);
    const summary = (await compareVersions(w.ctx, w.ns, "big", "v0", "v1")).summary;
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(summary.added + summary.removed + summary.changed);
    expect(summary).toMatchObject({ removed: 15, added: 5, changed: 2, unchanged: 8 });
  });

  // SQLite's own planner: PostgreSQL plans the same query its own way (the team run, ARCA_TEST_DATABASE=postgres).
  it.skipIf(process.env.ARCA_TEST_DATABASE === "postgres")("answers a page from a merge of the two index scans, not a sort of every change (SQLite's plan)", async () => {
    await logArtifact(w.ctx, w.ns, "p", { type: "t", aliases: [], entries: [await fileEntry(w.ctx, "a", "1")] });
    await logArtifact(w.ctx, w.ns, "p", { type: "t", aliases: [], entries: [await fileEntry(w.ctx, "b", "2")] });
    // The plan must not build a temporary B-tree to sort: a 100,000-entry version would be read in full per page.
    for (const filter of ["all", "added", "removed", "changed"] as const) {
      const params = { all: [2, 1, "", 2, "", 1], removed: [2, 1, ""], changed: [2, 1, ""], added: [2, "", 1] }[filter];
      const plan = await w.ctx.sql.all<{ detail: string }>(`explain query plan ${changePageSql(filter)}`, [...params, 10]);
      const text = plan.map((p) => p.detail).join("\n");
      expect(text).toMatch(/USING (COVERING )?INDEX entries_version_path_uq/);
      expect(text).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe("diffMetadata", () => {
  it("treats key order as irrelevant and compares arrays whole", () => {
    expect(diffMetadata({ o: { a: 1, b: [1, { x: 1, y: 2 }] } }, { o: { b: [1, { y: 2, x: 1 }], a: 1 } }).map((c) => c.kind)).toEqual(["unchanged", "unchanged"]);
    expect(diffMetadata({ l: [1, 2] }, { l: [2, 1] })).toEqual([{ key: ["l"], kind: "changed", before: [1, 2], after: [2, 1] }]);
    expect(diffMetadata({ n: null }, { n: { a: 1 } })).toEqual([{ key: ["n"], kind: "changed", before: null, after: { a: 1 } }]);
  });
});
