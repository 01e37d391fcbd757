import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../errors";
import { createTestWorld, makeRun, refEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { patchArtifact } from "../artifacts/patch";
import { useArtifact } from "../artifacts/use";
import { findLineagePath } from "./path";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

let uri = 0;
const log = (name: string, runId?: string) => logArtifact(w.ctx, w.ns, name, { type: "dataset", aliases: [], runId, entries: [refEntry("f", `s3://b/${name}/${uri++}`)] });
const use = (ref: string, runId: string) => useArtifact(w.ctx, w.ns, { ref, runId });
const path = (from: string, to: string, bounds: { maxHops?: number; maxVisits?: number } = {}) => findLineagePath(w.ctx, w.ns, { from, to, ...bounds });

/** d0 → [s1] → d1 → [s2] → d2 … → dN: 2N hops from d0 to dN. */
async function longChain(n: number) {
  const versions = [await log("d0")];
  for (let i = 1; i <= n; i++) {
    await makeRun(w, { id: `s${i}` });
    await use(`d${i - 1}:v0`, `s${i}`);
    versions.push(await log(`d${i}`, `s${i}`));
  }
  return versions;
}

describe("findLineagePath", () => {
  it("finds a chain longer than the depth control reaches, in order, with edges along the data flow", async () => {
    const vs = await longChain(8);
    const p = await path(`version:${vs[0]!.id}`, "d8:latest");
    expect(p).toMatchObject({ direction: "down", hops: 16, from: `version:${vs[0]!.id}`, to: `version:${vs[8]!.id}` });
    expect(p.nodes.map((n) => (n.kind === "run" ? n.runId : n.label))).toEqual(["d0:v0", "s1", "d1:v0", "s2", "d2:v0", "s3", "d3:v0", "s4", "d4:v0", "s5", "d5:v0", "s6", "d6:v0", "s7", "d7:v0", "s8", "d8:v0"]);
    expect(p.edges[0]).toMatchObject({ id: `used:version:${vs[0]!.id}->run:s1`, kind: "used" });
    expect(p.edges[1]).toMatchObject({ id: `logged:run:s1->version:${vs[1]!.id}`, kind: "logged" });
    // The ends' rims: d0 has nothing upstream, d8 nothing downstream; middle nodes have both.
    expect(p.nodes[0]).toMatchObject({ up: "none", down: "more" });
    expect(p.nodes.at(-1)).toMatchObject({ up: "more", down: "none" });
  });

  it("walks upstream when the first node was made from the second, still pointing edges with the data", async () => {
    const vs = await longChain(2);
    const p = await path("d2:v0", `version:${vs[0]!.id}`);
    expect(p).toMatchObject({ direction: "up", hops: 4 });
    expect(p.nodes.map((n) => n.id)).toEqual([`version:${vs[2]!.id}`, "run:s2", `version:${vs[1]!.id}`, "run:s1", `version:${vs[0]!.id}`]);
    expect(p.edges[0]).toMatchObject({ source: "run:s2", target: `version:${vs[2]!.id}`, kind: "logged" });
  });

  it("takes the shortest of two routes and follows patches", async () => {
    await makeRun(w, { id: "long" });
    const a = await log("a");
    await use("a:v0", "long");
    const mid = await log("mid", "long");
    await makeRun(w, { id: "long2" });
    await use("mid:v0", "long2");
    await log("b", "long2");
    // a:v1 patched from a:v0, and used by a run that logs b:v1: a:v0 → a:v1 → [short] → b:v1 is 3 hops.
    await patchArtifact(w.ctx, w.ns, "a", { base: "v0", aliases: [], remove: [], entries: [refEntry("g", "s3://b/patch")] });
    await makeRun(w, { id: "short" });
    await use("a:v1", "short");
    await log("b", "short");
    expect((await path(`version:${a.id}`, "b:v0")).nodes.map((n) => n.id)).toEqual([`version:${a.id}`, "run:long", `version:${mid.id}`, "run:long2", expect.any(String)]);
    const p = await path(`version:${a.id}`, "b:v1");
    expect(p.hops).toBe(3);
    expect(p.edges.map((e) => e.kind)).toEqual(["patched", "used", "logged"]);
  });

  it("says there is no path between siblings, and which bound stopped a search", async () => {
    await makeRun(w, { id: "train" });
    await log("ckpt", "train");
    await log("ckpt", "train");
    await expect(path("ckpt:v0", "ckpt:v1")).rejects.toThrow(new NotFoundError("no lineage path from ckpt:v0 to ckpt:v1: neither was made from the other through runs or patches"));
    await longChain(6);
    await expect(path("d0:v0", "d6:v0", { maxHops: 5 })).rejects.toThrow(/within 5 hops and 20,000 nodes: the search stops there/);
    await expect(path("d0:v0", "d6:v0", { maxVisits: 4 })).rejects.toThrow(/within 50 hops and 4 nodes/);
    expect((await path("d0:v0", "d6:v0", { maxHops: 12 })).hops).toBe(12);
  });

  it("refuses the same node twice, other projects' references and unknown ends", async () => {
    await makeRun(w, { id: "r" });
    await log("d", "r");
    await expect(path("d:v0", "d:latest")).rejects.toThrow(ValidationError);
    await expect(path("run:r", "other/proj/d:v0")).rejects.toThrow(/name an artifact of acme\/vision/);
    await expect(path("run:r", "nope:v0")).rejects.toThrow(NotFoundError);
    await expect(path("run:ghost", "d:v0")).rejects.toThrow(NotFoundError);
  });
});
