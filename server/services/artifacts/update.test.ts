import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { deleteVersion } from "./delete";
import { listEdits } from "./history";
import { logArtifact } from "./log";
import { getVersion } from "./read";
import { updateVersion } from "./update";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

async function twoVersions() {
  const v0 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: ["best"], metadata: { oldKey: 1, keep: true }, entries: [await fileEntry(w.ctx, "w", "0")] });
  const v1 = await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", "1")] });
  return { v0, v1 };
}

describe("updating a committed version", () => {
  it("merges or replaces metadata, changes the description, and records every edit", async () => {
    const { v0 } = await twoVersions();
    await updateVersion(w.ctx, w.ns, "m", "v0", { description: "My new description", metadata: { oldKey: "new value" }, replaceMetadata: false }, "ada");
    expect((await getVersion(w.ctx, w.ns, "m", "v0")).metadata).toEqual({ oldKey: "new value", keep: true });
    const replaced = await updateVersion(w.ctx, w.ns, "m", "v0", { metadata: { newKey: "new value" }, replaceMetadata: true }, "bob");
    expect(replaced.metadata).toEqual({ newKey: "new value" });
    expect(replaced.revision).toBe(v0.revision + 2);
    const edits = await listEdits(w.ctx, v0.id);
    expect(edits.map((e) => [e.actor, e.action])).toEqual([["bob", "metadata"], ["ada", "metadata"], ["ada", "description"]]);
    expect(edits[2]).toMatchObject({ before: "", after: "My new description" });
  });

  it("adds (moving), removes and replaces aliases atomically", async () => {
    const { v0, v1 } = await twoVersions();
    const moved = await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { add: ["best"] }, replaceMetadata: false }, "ada");
    expect(moved.aliases.sort()).toEqual(["best", "latest"]);
    expect((await getVersion(w.ctx, w.ns, "m", "v0")).aliases).toEqual([]);
    expect((await listEdits(w.ctx, v0.id))[0]).toMatchObject({ action: "aliases", before: ["best"], after: [] });
    const replaced = await updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { set: ["replaced"] }, replaceMetadata: false }, "ada");
    expect(replaced.aliases).toEqual(["replaced"]);
    await expect(updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { remove: ["nope"] }, replaceMetadata: false }, "ada")).rejects.toThrow(/not on this version/);
    await expect(updateVersion(w.ctx, w.ns, "m", "v1", { aliases: { add: ["v7"] }, replaceMetadata: false }, "ada")).rejects.toThrow(/version index/);
    expect(v1.id).toBe(replaced.id);
  });

  it("refuses the later save of a stale copy", async () => {
    const { v0 } = await twoVersions();
    await updateVersion(w.ctx, w.ns, "m", "v0", { description: "first", expectedRevision: v0.revision, replaceMetadata: false }, "ada");
    await expect(updateVersion(w.ctx, w.ns, "m", "v0", { description: "second", expectedRevision: v0.revision, replaceMetadata: false }, "bob")).rejects.toThrow(/changed by someone else/);
    expect((await getVersion(w.ctx, w.ns, "m", "v0")).description).toBe("first");
  });
});

describe("deleting a version", () => {
  it("is refused while aliased, naming the aliases, unless they go too", async () => {
    await twoVersions();
    await expect(deleteVersion(w.ctx, w.ns, "m", "v0", false, "ada")).rejects.toThrow(/still has alias `best`; pass deleteAliases/);
    const gone = await deleteVersion(w.ctx, w.ns, "m", "best", true, "ada");
    expect(gone).toMatchObject({ state: "DELETED", aliases: [] });
    await expect(getVersion(w.ctx, w.ns, "m", "best")).rejects.toThrow(/does not exist/);
    expect((await listEdits(w.ctx, gone.id))[0]).toMatchObject({ action: "delete", before: { state: "COMMITTED", aliases: ["best"] } });
    await expect(updateVersion(w.ctx, w.ns, "m", "v0", { description: "x", replaceMetadata: false }, "ada")).rejects.toThrow(/was deleted/);
  });
});
