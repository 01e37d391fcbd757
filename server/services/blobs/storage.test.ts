import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { deleteVersion } from "../artifacts/delete";
import { logArtifact } from "../artifacts/log";
import { collectGarbage } from "./gc";
import { getProjectStorage } from "./storage";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("the storage panel's figures (issue 14, item 7)", () => {
  it("says what garbage collection then reclaims, to the byte, and the project's own size", async () => {
    await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "a.bin", "x".repeat(3000))] });
    await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "b.bin", "y".repeat(5000))] });
    await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "c.bin", "z".repeat(700))] });
    await deleteVersion(w.ctx, w.ns, "m", "v0", true, "test");
    await deleteVersion(w.ctx, w.ns, "m", "v1", true, "test");

    // Within the upload grace period nothing is reclaimable yet: it is reported as pending.
    const fresh = await getProjectStorage(w.ctx, w.ns);
    expect(fresh.gc).toMatchObject({ blobsDeleted: 0, bytesFreed: 0, blobsPending: 2, bytesPending: 8000 });
    expect(fresh.projectBytes).toBe(700);
    expect(fresh.projectVersions).toBe(1);

    w.clock.now += 2 * 60 * 60 * 1000;
    const shown = await getProjectStorage(w.ctx, w.ns);
    expect(shown.gc).toMatchObject({ blobsDeleted: 2, bytesFreed: 8000, blobsPending: 0 });
    const done = await collectGarbage(w.ctx, { actor: "test" });
    expect(done.bytesFreed).toBe(shown.gc.bytesFreed);
    expect(done.blobsDeleted).toBe(shown.gc.blobsDeleted);
    expect((await getProjectStorage(w.ctx, w.ns)).gc.bytesFreed).toBe(0);
  });
});
