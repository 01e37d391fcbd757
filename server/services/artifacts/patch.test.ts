import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "./log";
import { patchArtifact } from "./patch";
import { getManifest } from "./read";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("patch mode", () => {
  it("derives a new version from a base: adds, replaces, removes, and records the base", async () => {
    await logArtifact(w.ctx, w.ns, "golden", {
      type: "dataset",
      aliases: [],
      metadata: { source: "scraper" },
      description: "daily scrape",
      entries: [await fileEntry(w.ctx, "day1.csv", "1"), await fileEntry(w.ctx, "day2.csv", "2"), await fileEntry(w.ctx, "old.csv", "o")],
    });
    const v1 = await patchArtifact(w.ctx, w.ns, "golden", {
      base: "v0",
      aliases: [],
      remove: ["old.csv"],
      entries: [await fileEntry(w.ctx, "day3.csv", "3"), await fileEntry(w.ctx, "day2.csv", "2-fixed")],
    });
    expect(v1).toMatchObject({ version: "v1", basedOn: "acme/vision/golden:v0", description: "daily scrape", metadata: { source: "scraper" }, aliases: ["latest"] });
    const contents = (await getManifest(w.ctx, w.ns, "golden", "v1")).contents;
    expect(Object.keys(contents)).toEqual(["day1.csv", "day2.csv", "day3.csv"]);
    expect(contents["day2.csv"]?.size).toBe(7);
  });

  it("refuses removing a path the base lacks, and dedups a no-op patch onto the base", async () => {
    const a = await fileEntry(w.ctx, "a", "A");
    await logArtifact(w.ctx, w.ns, "g", { type: "t", aliases: [], entries: [a] });
    await expect(patchArtifact(w.ctx, w.ns, "g", { base: "v0", aliases: [], remove: ["missing"], entries: [] })).rejects.toThrow(/has no such path/);
    const same = await patchArtifact(w.ctx, w.ns, "g", { base: "latest", aliases: [], remove: [], entries: [a] });
    expect(same).toMatchObject({ version: "v0", created: false });
    await expect(patchArtifact(w.ctx, w.ns, "g", { base: "v9", aliases: [], remove: [], entries: [a] })).rejects.toThrow(/does not exist/);
  });
});
