import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, makeRun, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { listProjects } from "./projects";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("listProjects", () => {
  it("counts collections, committed versions and runs per project, most recently active first", async () => {
    const other = { entity: "acme", project: "nlp" };
    await logArtifact(w.ctx, other, "corpus", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "a", "1")] });
    w.clock.now += 1000;
    await makeRun(w);
    for (const [name, n] of [["cats", 3], ["dogs", 2], ["model", 1]] as const) {
      for (let i = 0; i < n; i++) await logArtifact(w.ctx, w.ns, name, { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "f", `${name}${i}`)] });
    }
    expect((await listProjects(w.ctx)).map(({ updatedAt: _, ...p }) => p)).toEqual([
      { entity: "acme", project: "vision", collections: 3, versions: 6, runs: 1 },
      { entity: "acme", project: "nlp", collections: 1, versions: 1, runs: 0 },
    ]);
  });
});
