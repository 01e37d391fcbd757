import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { listEdits } from "./history";
import { logArtifact } from "./log";
import { updateVersion } from "./update";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const keepMeta = { replaceMetadata: false } as const;

describe("alias moves in the history (issue 14, item 3)", () => {
  it("both versions' histories name the other end of a move; a plain add or remove has no other end", async () => {
    const v0 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: ["best"], entries: [await fileEntry(w.ctx, "w", "0")] });
    const v1 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", "1")] });
    await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { add: ["best", "fresh"] }, ...keepMeta }, "alice");
    expect((await listEdits(w.ctx, v1.id))[0]!.moves).toEqual([
      { alias: "best", from: "v0", to: "v1" },
      { alias: "fresh", from: null, to: "v1" },
    ]);
    expect((await listEdits(w.ctx, v0.id))[0]!.moves).toEqual([{ alias: "best", from: "v0", to: "v1" }]);

    await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { remove: ["fresh"] }, ...keepMeta }, "alice");
    expect((await listEdits(w.ctx, v1.id))[0]!.moves).toEqual([{ alias: "fresh", from: "v1", to: null }]);
  });

  it("does not pair edits by different people", async () => {
    const v0 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: ["x"], entries: [await fileEntry(w.ctx, "w", "0")] });
    await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", "1")] });
    await updateVersion(w.ctx, w.ns, "m", "v0", { aliases: { remove: ["x"] }, ...keepMeta }, "alice");
    await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { add: ["x"] }, ...keepMeta }, "bob");
    expect((await listEdits(w.ctx, v0.id))[0]!.moves).toEqual([{ alias: "x", from: "v0", to: null }]);
  });

  it("an alias removed and put back right after a move is a remove and an add, not the move again", async () => {
    const v0 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: ["best"], entries: [await fileEntry(w.ctx, "w", "0")] });
    const v1 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", "1")] });
    await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { add: ["best"] }, ...keepMeta }, "alice");
    await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { remove: ["best"] }, ...keepMeta }, "alice");
    await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { add: ["best"] }, ...keepMeta }, "alice"); // the undo
    expect((await listEdits(w.ctx, v1.id)).map((e) => e.moves)).toEqual([
      [{ alias: "best", from: null, to: "v1" }],
      [{ alias: "best", from: "v1", to: null }],
      [{ alias: "best", from: "v0", to: "v1" }],
    ]);
    expect((await listEdits(w.ctx, v0.id))[0]!.moves).toEqual([{ alias: "best", from: "v0", to: "v1" }]);
  });
});
