import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { upsertArtifact } from "../../services/artifacts/collaborate";
import { logArtifact } from "../../services/artifacts/log";
import { createContextInner } from "../init";
import { createCaller } from "../root";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("compare, cleanup and drafts procedures", () => {
  it("compare two versions and page their file changes", async () => {
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], metadata: { n: 1 }, entries: [await fileEntry(w.ctx, "a", "1")] });
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], metadata: { n: 2 }, entries: [await fileEntry(w.ctx, "b", "2")] });
    const api = createCaller(createContextInner(w.ctx));
    const cmp = await api.compare.summary({ ...w.ns, name: "ds", a: "v0", b: "latest" });
    expect(cmp.summary).toMatchObject({ added: 1, removed: 1, changed: 0 });
    expect(cmp.a).not.toHaveProperty("metadata");
    expect(cmp.metadata).toEqual([{ key: ["n"], kind: "changed", before: 1, after: 2 }]);
    const files = await api.compare.files({ ...w.ns, name: "ds", a: "v0", b: "v1", filter: "added" });
    expect(files.items.map((f) => f.path)).toEqual(["b"]);
    expect((await api.compare.versionOptions({ ...w.ns, name: "ds" })).items.map((o) => o.selector)).toEqual(["v1", "v0"]);
  });

  it("preview and start a cleanup, refusing a stale count with a PRECONDITION_FAILED the UI can show", async () => {
    for (let i = 0; i < 3; i++) await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", `${i}`)] });
    const api = createCaller(createContextInner(w.ctx));
    const req = { ...w.ns, collection: "m", keepNewest: 0, includeDrafts: false };
    expect(await api.cleanup.preview(req)).toMatchObject({ totalVersions: 2, collections: [{ name: "m", versions: 2 }] });
    expect((await api.cleanup.candidates(req)).items.map((c) => c.selector)).toEqual(["v1", "v0"]);
    const stale = await api.cleanup.start({ ...req, expectedVersions: 3 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(TRPCError);
    expect(stale).toMatchObject({ code: "PRECONDITION_FAILED" });
    const job = await api.cleanup.start({ ...req, expectedVersions: 2 });
    let status = job;
    while (status.state === "queued" || status.state === "running") {
      await new Promise((r) => setTimeout(r, 5)); // let the job's batches run between polls
      status = await api.cleanup.status({ ...w.ns, jobId: job.id });
    }
    expect(status.result).toMatchObject({ deleted: 2, skipped: 0 });
    expect(await api.cleanup.collectGarbage(w.ns)).toMatchObject({ blobsDeleted: 0, blobsPending: 2, bytesPending: 2 });
  });

  it("list drafts", async () => {
    await upsertArtifact(w.ctx, w.ns, "d", { type: "t", distributedId: "g", aliases: [], entries: [await fileEntry(w.ctx, "f", "x")] });
    const api = createCaller(createContextInner(w.ctx));
    expect(await api.drafts.list(w.ns)).toMatchObject({ total: 1, items: [{ name: "d", distributedId: "g", fileCount: 1, runCount: 0 }] });
  });
});
