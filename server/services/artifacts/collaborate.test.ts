import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, makeRun, refEntry, type TestWorld } from "../../testing/factory";
import { finishArtifact, upsertArtifact } from "./collaborate";
import { loadEntries } from "./entries";
import { getVersionLineage } from "./lineage";
import { getManifest, listVersions } from "./read";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("collaborative mode", () => {
  it("merges upserts from several runs into one draft, then finish commits it with every producer", async () => {
    const [r1, r2, r3] = [await makeRun(w, { group: "g" }), await makeRun(w, { group: "g" }), await makeRun(w, { group: "g" })];
    const d1 = await upsertArtifact(w.ctx, w.ns, "dist", { type: "dataset", distributedId: "g", runId: r1.id, aliases: [], entries: [await fileEntry(w.ctx, "image1.png", "1")] });
    const d2 = await upsertArtifact(w.ctx, w.ns, "dist", { type: "dataset", distributedId: "g", runId: r2.id, aliases: [], entries: [await fileEntry(w.ctx, "image2.png", "2")] });
    expect(d1.state).toBe("PENDING");
    expect(d1.version).toBeNull();
    expect(d2.id).toBe(d1.id);
    expect(d2.fileCount).toBe(2);
    expect((await listVersions(w.ctx, w.ns, "dist", { state: "PENDING" })).items).toHaveLength(1);
    const done = await finishArtifact(w.ctx, w.ns, "dist", { type: "dataset", distributedId: "g", runId: r3.id, aliases: [], entries: [await fileEntry(w.ctx, "image3.png", "3")] });
    expect(done).toMatchObject({ version: "v0", state: "COMMITTED", fileCount: 3, aliases: ["latest"], created: true });
    expect(Object.keys((await getManifest(w.ctx, w.ns, "dist", "v0")).contents)).toEqual(["image1.png", "image2.png", "image3.png"]);
    expect((await getVersionLineage(w.ctx, w.ns, "dist", "v0")).loggedBy.map((r) => r.id).sort()).toEqual([r1.id, r2.id, r3.id].sort());
  });

  it("is idempotent for the same path and digest, and refuses a conflicting digest without losing anything", async () => {
    const a = await fileEntry(w.ctx, "part.json", "A");
    await upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [a] });
    await upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [a] });
    const b = await fileEntry(w.ctx, "part.json", "B");
    const extra = await fileEntry(w.ctx, "other.json", "C");
    await expect(upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [extra, b] })).rejects.toThrow(
      new RegExp(`part.json \\(draft has ${a.digest.replace(/[+/=]/g, ".")}, this upsert has ${b.digest.replace(/[+/=]/g, ".")}\\)`),
    );
    const draft = (await listVersions(w.ctx, w.ns, "d", { state: "PENDING" })).items[0]!;
    expect(draft.fileCount).toBe(1);
  });

  it("starts a new draft after finish, and dedups a finish whose contents exist", async () => {
    const a = await fileEntry(w.ctx, "a", "A");
    await upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [a] });
    const v0 = await finishArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [] });
    const again = await upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [a] });
    expect(again.id).not.toBe(v0.id);
    const fin = await finishArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: ["again"], entries: [] });
    expect(fin).toMatchObject({ id: v0.id, created: false });
    expect(fin.aliases.sort()).toEqual(["again", "latest"]);
    expect((await listVersions(w.ctx, w.ns, "d", { state: "PENDING" })).items).toHaveLength(0);
  });

  it("dedups a large draft: its entries go a batch at a time, every one of them", async () => {
    const entries = Array.from({ length: 4500 }, (_, i) => refEntry(`r/${i}`, `s3://b/${i}`));
    await upsertArtifact(w.ctx, w.ns, "big", { type: "t", distributedId: "x", aliases: [], entries });
    const v0 = await finishArtifact(w.ctx, w.ns, "big", { type: "t", distributedId: "x", aliases: [], entries: [] });
    const draft = await upsertArtifact(w.ctx, w.ns, "big", { type: "t", distributedId: "x", aliases: [], entries: [...entries].reverse() });
    expect(await loadEntries(w.ctx, draft.id)).toHaveLength(4500);
    const fin = await finishArtifact(w.ctx, w.ns, "big", { type: "t", distributedId: "x", aliases: [], entries: [] });
    expect(fin).toMatchObject({ id: v0.id, created: false, fileCount: 4500 });
    expect(await loadEntries(w.ctx, draft.id)).toEqual([]);
    expect(await loadEntries(w.ctx, v0.id)).toHaveLength(4500);
  });

  it("refuses a finish with nothing to commit", async () => {
    await expect(finishArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "nope", aliases: [], entries: [] })).rejects.toThrow(/nothing to commit/);
  });

  it("defaults the distributed id to the run's group, and refuses when there is neither", async () => {
    const [r1, r2] = [await makeRun(w, { group: "grp-7" }), await makeRun(w, { group: "grp-7" })];
    await upsertArtifact(w.ctx, w.ns, "g", { type: "t", runId: r1.id, aliases: [], entries: [await fileEntry(w.ctx, "a", "A")] });
    const done = await finishArtifact(w.ctx, w.ns, "g", { type: "t", runId: r2.id, aliases: [], entries: [await fileEntry(w.ctx, "b", "B")] });
    expect(done).toMatchObject({ version: "v0", fileCount: 2, distributedId: "grp-7" });
    const loner = await makeRun(w);
    await expect(upsertArtifact(w.ctx, w.ns, "g", { type: "t", runId: loner.id, aliases: [], entries: [] })).rejects.toThrow(/needs a distributedId/);
  });
});
