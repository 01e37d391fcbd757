import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { collectGarbage } from "../blobs/gc";
import { findMissingBlobs, uploadBlob } from "../blobs/blobs";
import { cleanupCollection } from "./cleanup";
import { upsertArtifact } from "./collaborate";
import { logArtifact } from "./log";
import { listVersions } from "./read";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());
const DAY = 86_400_000;

describe("cleanup", () => {
  it("dry-runs unaliased versions with bytes freed that ignore bytes shared with survivors", async () => {
    const shared = await fileEntry(w.ctx, "shared.bin", Buffer.alloc(1000, 1));
    for (let i = 0; i < 5; i++) {
      await logArtifact(w.ctx, w.ns, "ckpt", { type: "model", aliases: i === 1 ? ["best"] : [], entries: [shared, await fileEntry(w.ctx, "own.bin", Buffer.alloc(10 + i, i))] });
      w.clock.now += DAY;
    }
    // v4 = latest, v1 = best; unaliased: v3, v2, v0. Keep newest 1 (v3) → v2, v0.
    const dry = await cleanupCollection(w.ctx, w.ns, "ckpt", { keepNewest: 1, dryRun: true, includeDrafts: false }, "ada");
    expect(dry.versions.map((v) => v.version)).toEqual(["v2", "v0"]);
    expect(dry.bytesFreed).toBe(12 + 10);
    expect((await listVersions(w.ctx, w.ns, "ckpt", {})).items).toHaveLength(5);

    const old = await cleanupCollection(w.ctx, w.ns, "ckpt", { keepNewest: 0, olderThanDays: 3.5, dryRun: true, includeDrafts: false }, "ada");
    expect(old.versions.map((v) => v.version)).toEqual(["v0"]);

    const real = await cleanupCollection(w.ctx, w.ns, "ckpt", { keepNewest: 1, dryRun: false, includeDrafts: false }, "ada");
    expect(real.versions.map((v) => v.state)).toEqual(["DELETED", "DELETED"]);
    expect((await listVersions(w.ctx, w.ns, "ckpt", {})).items.map((v) => v.version)).toEqual(["v4", "v3", "v1"]);

    w.clock.now += 2 * 60 * 60 * 1000; // past the upload grace period
    const gc = await collectGarbage(w.ctx);
    expect(gc).toMatchObject({ blobsDeleted: 2, bytesFreed: 22 });
  });

  it("removes old drafts when asked", async () => {
    await upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "x", aliases: [], entries: [await fileEntry(w.ctx, "a", "A")] });
    w.clock.now += 10 * DAY;
    const res = await cleanupCollection(w.ctx, w.ns, "d", { keepNewest: 0, olderThanDays: 7, dryRun: false, includeDrafts: true }, "ada");
    expect(res.versions.map((v) => v.state)).toEqual(["DELETED"]);
  });
});

describe("garbage collection", () => {
  it("keeps blobs of live versions, fresh uploads and announced blobs; deletes the rest", async () => {
    const kept = await fileEntry(w.ctx, "kept", "kept");
    await logArtifact(w.ctx, w.ns, "a", { type: "t", aliases: [], entries: [kept] });
    const orphan = await fileEntry(w.ctx, "orphan", "orphan-bytes");
    const announced = await fileEntry(w.ctx, "announced", "announced");
    expect((await collectGarbage(w.ctx)).blobsDeleted).toBe(0); // all fresh: an upload may be about to commit
    w.clock.now += 2 * 60 * 60 * 1000;
    expect(await findMissingBlobs(w.ctx, [{ sha256: announced.sha256, size: announced.size }])).toEqual([]);
    const dry = await collectGarbage(w.ctx, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, blobsDeleted: 1, bytesFreed: 12 });
    const res = await collectGarbage(w.ctx);
    expect(res).toMatchObject({ blobsDeleted: 1, bytesFreed: 12 });
    expect(await w.ctx.blobs.has(orphan.sha256)).toBe(false);
    expect(await w.ctx.blobs.has(kept.sha256)).toBe(true);
    expect(await w.ctx.blobs.has(announced.sha256)).toBe(true);
  });
});

describe("garbage collection during uploads", () => {
  it("never removes a blob whose upload is in flight or just finished, so the commit that follows succeeds", async () => {
    const bytes = Buffer.alloc(3 << 20, 9);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slowBody() {
      yield bytes.subarray(0, 1 << 20);
      await gate; // GC runs while the upload is half-way
      yield bytes.subarray(1 << 20);
    }
    const upload = uploadBlob(w.ctx, { sha256, size: bytes.length, body: slowBody() });
    w.clock.now += 10 * DAY; // even much later, an unfinished upload is not GC's to take
    const during = await collectGarbage(w.ctx);
    release();
    await upload;
    const after = await collectGarbage(w.ctx);
    expect(during.blobsDeleted + after.blobsDeleted).toBe(0);
    const v = await logArtifact(w.ctx, w.ns, "big", { type: "t", aliases: [], entries: [{ path: "big.bin", size: bytes.length, sha256 }] });
    expect(v.fileCount).toBe(1);
  });
});
