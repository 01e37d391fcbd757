import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, makeRun, refEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../../services/artifacts/log";
import { createContextInner } from "../init";
import { createCaller } from "../root";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("lineage router", () => {
  it("answers a neighbourhood with defaults and maps an unknown node to NOT_FOUND", async () => {
    await makeRun(w, { id: "r1" });
    const v = await logArtifact(w.ctx, w.ns, "d", { type: "dataset", aliases: [], runId: "r1", entries: [refEntry("f", "s3://b/f")] });
    const api = createCaller(createContextInner(w.ctx));
    const g = await api.lineage.neighbourhood({ ...w.ns, start: `version:${v.id}` });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(["run:r1", `version:${v.id}`]);
    const error = await api.lineage.neighbourhood({ ...w.ns, start: "run:ghost" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "run ghost does not exist in acme/vision" });
    await expect(api.lineage.neighbourhood({ ...w.ns, start: "run:r1", upstream: 99 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await api.lineage.node({ ...w.ns, node: `version:${v.id}` })).toMatchObject({ kind: "version", label: "d:v0" });
    await expect(api.lineage.node({ ...w.ns, node: "version:abc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("finds a path by node id or reference, and says NOT_FOUND when there is none", async () => {
    await makeRun(w, { id: "r1" });
    await logArtifact(w.ctx, w.ns, "d", { type: "dataset", aliases: [], runId: "r1", entries: [refEntry("f", "s3://b/f")] });
    await logArtifact(w.ctx, w.ns, "other", { type: "dataset", aliases: [], entries: [refEntry("f", "s3://b/g")] });
    const api = createCaller(createContextInner(w.ctx));
    expect(await api.lineage.path({ ...w.ns, from: "run:r1", to: "d:latest" })).toMatchObject({ direction: "down", hops: 1 });
    await expect(api.lineage.path({ ...w.ns, from: "run:r1", to: "other:v0" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.lineage.path({ ...w.ns, from: "run:r1", to: "a/b/d:v0" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
