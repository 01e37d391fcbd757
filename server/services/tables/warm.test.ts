import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { openTable, tablesDir } from "./registry";
import { backgroundIndexingIdle, holdsTables, indexRecentTables, indexVersionTables } from "./warm";

let w: TestWorld;
beforeEach(() => {
  w = createTestWorld();
  vi.stubEnv("ARCA_TABLE_INDEX_ON_COMMIT", "1");
});
afterEach(async () => {
  await backgroundIndexingIdle();
  vi.unstubAllEnvs();
  await w.cleanup();
});

const table = (rows: number) => JSON.stringify({ _type: "table", columns: ["id", "label"], data: Array.from({ length: rows }, (_, i) => [i, `row ${i}`]) });
const indexFiles = () => (fs.existsSync(tablesDir(w.ctx)) ? fs.readdirSync(tablesDir(w.ctx)).filter((f) => f.endsWith(".sqlite")) : []);

/** Lets the commit's setImmediate queue the version, then waits for the queue to drain. */
async function settle() {
  await new Promise((resolve) => setImmediate(resolve));
  await backgroundIndexingIdle();
}

describe("background indexing after a commit", () => {
  it("indexes a committed version's tables so the first open is ready at once", async () => {
    const entries = [await fileEntry(w.ctx, "eval/preds.table.json", table(50)), await fileEntry(w.ctx, "readme.md", "notes")];
    await logArtifact(w.ctx, w.ns, "evals", { type: "evaluation", aliases: [], entries });
    expect(indexFiles()).toEqual([]);
    await settle();
    expect(indexFiles()).toHaveLength(1);
    const status = await openTable(w.ctx, { ...w.ns, name: "evals", version: "v0", path: "eval/preds.table.json" });
    expect(status.state).toBe("ready");
    if (status.state === "ready") expect(status.index.meta.rows).toBe(50);
  });

  it("queues nothing for a version without tables, and is off with ARCA_TABLE_INDEX_ON_COMMIT=0", async () => {
    expect(holdsTables(["a.txt", "b/c.json"])).toBe(false);
    expect(holdsTables(["x/y.partitioned-table.json"])).toBe(true);
    vi.stubEnv("ARCA_TABLE_INDEX_ON_COMMIT", "0");
    await logArtifact(w.ctx, w.ns, "evals", { type: "evaluation", aliases: [], entries: [await fileEntry(w.ctx, "t.table.json", table(5))] });
    await settle();
    expect(indexFiles()).toEqual([]);
  });

  it("leaves a malformed table for its page to explain, and indexes the version's other tables", async () => {
    const entries = [await fileEntry(w.ctx, "bad.table.json", '{"columns": ["a"], "data": [[1],,]}'), await fileEntry(w.ctx, "good.table.json", table(3))];
    const { versionId } = await logVersion(entries);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await indexVersionTables(w.ctx, versionId)).toEqual(["good.table.json"]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(indexFiles()).toHaveLength(1);
  });

  it("queues the recent versions with tables again at start-up (a restart drops the queue)", async () => {
    vi.stubEnv("ARCA_TABLE_INDEX_ON_COMMIT", "0");
    await logArtifact(w.ctx, w.ns, "evals", { type: "evaluation", aliases: [], entries: [await fileEntry(w.ctx, "t.table.json", table(4))] });
    await settle();
    expect(indexFiles()).toEqual([]);
    vi.stubEnv("ARCA_TABLE_INDEX_ON_COMMIT", "1");
    await indexRecentTables(w.ctx);
    await backgroundIndexingIdle();
    expect(indexFiles()).toHaveLength(1);
  });
});

/** Commits without queueing the version (the test then indexes it itself). */
async function logVersion(entries: Parameters<typeof logArtifact>[3]["entries"]) {
  vi.stubEnv("ARCA_TABLE_INDEX_ON_COMMIT", "0");
  const version = await logArtifact(w.ctx, w.ns, "mixed", { type: "evaluation", aliases: [], entries });
  await settle();
  vi.stubEnv("ARCA_TABLE_INDEX_ON_COMMIT", "1");
  return { versionId: version.id };
}
