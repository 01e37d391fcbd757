import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "./log";
import { listVersionOptions } from "./version-options";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("listVersionOptions", () => {
  it("pages newest first and searches by vN or alias prefix", async () => {
    for (let i = 0; i < 12; i++) {
      const aliases = i === 3 ? ["best", "epoch-3"] : i === 10 ? ["epoch-10"] : [];
      await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases, entries: [await fileEntry(w.ctx, "w", `${i}`)] });
    }
    const first = await listVersionOptions(w.ctx, w.ns, "m", { limit: 5 });
    expect(first.items.map((o) => o.selector)).toEqual(["v11", "v10", "v9", "v8", "v7"]);
    expect(first.items[0]!.aliases).toEqual(["latest"]);
    const second = await listVersionOptions(w.ctx, w.ns, "m", { limit: 5, cursor: first.nextCursor });
    expect(second.items.map((o) => o.selector)).toEqual(["v6", "v5", "v4", "v3", "v2"]);
    expect((await listVersionOptions(w.ctx, w.ns, "m", { query: "epoch" })).items.map((o) => o.selector)).toEqual(["v10", "v3"]);
    expect((await listVersionOptions(w.ctx, w.ns, "m", { query: "v3" })).items).toMatchObject([{ selector: "v3", aliases: ["best", "epoch-3"] }]);
    // "1" is v1 first, then aliases starting with "1" (none)
    expect((await listVersionOptions(w.ctx, w.ns, "m", { query: "1" })).items.map((o) => o.selector)).toEqual(["v1"]);
    expect((await listVersionOptions(w.ctx, w.ns, "m", { query: "nothing" })).items).toEqual([]);
  });
});
