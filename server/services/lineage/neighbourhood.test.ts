import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../errors";
import { createTestWorld, makeRun, refEntry, type TestWorld } from "../../testing/factory";
import { deleteVersion } from "../artifacts/delete";
import { logArtifact } from "../artifacts/log";
import { patchArtifact } from "../artifacts/patch";
import { useArtifact } from "../artifacts/use";
import { allocateSlots } from "./allocate";
import { getNeighbourhood } from "./neighbourhood";
import type { ClusterNode, LineageGraph, RunNode, VersionNode } from "./schemas";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

let uri = 0;
/** Logs a version with unique contents (a reference), so every call makes a new version. */
async function log(name: string, runId?: string, type = "dataset") {
  return logArtifact(w.ctx, w.ns, name, { type, aliases: [], runId, entries: [refEntry("f", `s3://b/${name}/${uri++}`)] });
}
const use = (ref: string, runId: string) => useArtifact(w.ctx, w.ns, { ref, runId });

const byId = (g: LineageGraph) => new Map(g.nodes.map((n) => [n.id, n]));
const clusters = (g: LineageGraph) => g.nodes.filter((n): n is ClusterNode => n.kind === "cluster");
const edgeSet = (g: LineageGraph) => new Set(g.edges.map((e) => `${e.kind} ${e.source} ${e.target}`));

/** raw → [prep] → data → [train] → model → [eval] → report */
async function chain() {
  await makeRun(w, { id: "ingest", jobType: "ingest" });
  const raw = await log("raw", "ingest");
  await makeRun(w, { id: "prep", jobType: "preprocess" });
  await use("raw:v0", "prep");
  const data = await log("data", "prep");
  await makeRun(w, { id: "train", jobType: "train", group: "g1" });
  await use("data:v0", "train");
  const model = await log("model", "train", "model");
  await makeRun(w, { id: "eval", jobType: "evaluate" });
  await use("model:v0", "eval");
  const report = await log("report", "eval", "evaluation");
  return { raw, data, model, report };
}

describe("getNeighbourhood", () => {
  it("walks N hops up and down from a version, with edge kinds pointing along the data flow", async () => {
    const { raw, data, model, report } = await chain();
    const g = await getNeighbourhood(w.ctx, w.ns, { start: `version:${model.id}`, upstream: 2, downstream: 2 });
    expect(g.start).toBe(`version:${model.id}`);
    expect(new Set(g.nodes.map((n) => n.id))).toEqual(new Set([`version:${model.id}`, "run:train", `version:${data.id}`, "run:eval", `version:${report.id}`]));
    expect(edgeSet(g)).toEqual(
      new Set([`logged run:train version:${model.id}`, `used version:${data.id} run:train`, `used version:${model.id} run:eval`, `logged run:eval version:${report.id}`]),
    );
    const nodes = byId(g);
    expect(nodes.get(`version:${model.id}`)).toMatchObject({ kind: "version", label: "model:v0", type: "model", aliases: ["latest"], up: "expanded", down: "expanded" });
    expect(nodes.get("run:train")).toMatchObject({ kind: "run", runId: "train", jobType: "train", group: "g1", state: "running" });
    // `data` was reached going up: its producer `prep` is one hop further, so there is more upstream.
    expect(nodes.get(`version:${data.id}`)).toMatchObject({ up: "more" });
    expect(nodes.get(`version:${report.id}`)).toMatchObject({ down: "none" });
    expect(g.nodes.some((n) => n.id === `version:${raw.id}`)).toBe(false);
    expect(g.truncated).toBe(false);
  });

  it("starts from a run and honours separate upstream and downstream depths", async () => {
    const { raw, data, model } = await chain();
    const g = await getNeighbourhood(w.ctx, w.ns, { start: "run:prep", upstream: 2, downstream: 1 });
    expect(new Set(g.nodes.map((n) => n.id))).toEqual(new Set(["run:prep", `version:${raw.id}`, "run:ingest", `version:${data.id}`]));
    expect(g.nodes.some((n) => n.id === `version:${model.id}` || n.id === "run:train")).toBe(false);
  });

  it("clusters siblings beyond the fan-out per collection, and pages a cluster to the end without repeats", async () => {
    await makeRun(w, { id: "sweep" });
    for (let i = 0; i < 40; i++) await log("ckpt", undefined, "model");
    for (let i = 0; i < 2; i++) await log("data");
    for (let i = 0; i < 40; i++) await use(`ckpt:v${i}`, "sweep");
    for (let i = 0; i < 2; i++) await use(`data:v${i}`, "sweep");

    const g = await getNeighbourhood(w.ctx, w.ns, { start: "run:sweep", upstream: 1, downstream: 0, fanOut: 10 });
    const versions = g.nodes.filter((n): n is VersionNode => n.kind === "version");
    // Small groups are shown whole; the big one gets the rest of the cap.
    expect(versions.filter((v) => v.collection === "data")).toHaveLength(2);
    expect(versions.filter((v) => v.collection === "ckpt").map((v) => v.label)).toEqual([...Array(8).keys()].map((i) => `ckpt:v${i}`));
    const [cluster] = clusters(g);
    expect(clusters(g)).toHaveLength(1);
    expect(cluster).toMatchObject({ owner: "run:sweep", direction: "up", members: "version", count: 32, collection: "ckpt", label: "32 more versions of ckpt" });
    expect(edgeSet(g).has(`used ${cluster!.id} run:sweep`)).toBe(true);

    const seen = new Set(versions.filter((v) => v.collection === "ckpt").map((v) => v.id));
    let next: ClusterNode | undefined = cluster;
    const counts: number[] = [];
    while (next) {
      const page = await getNeighbourhood(w.ctx, w.ns, { start: "run:sweep", fanOut: 10, expand: { cluster: next.key, cursor: next.cursor } });
      const members = page.nodes.filter((n): n is VersionNode => n.kind === "version");
      for (const m of members) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
        expect(edgeSet(page).has(`used ${m.id} run:sweep`)).toBe(true);
      }
      expect(page.nodes.find((n) => n.id === "run:sweep")).toMatchObject({ kind: "run" });
      next = clusters(page)[0];
      if (next) {
        expect(next.id).toBe(cluster!.id);
        counts.push(next.count);
      }
    }
    expect(seen.size).toBe(40);
    expect(counts).toEqual([22, 12, 2]);
  });

  it("clusters the runs that used a popular version", async () => {
    const data = await log("data");
    for (let i = 0; i < 30; i++) {
      await makeRun(w, { id: `r${i}` });
      await use("data:v0", `r${i}`);
    }
    const g = await getNeighbourhood(w.ctx, w.ns, { start: `version:${data.id}`, upstream: 0, downstream: 1, fanOut: 25 });
    expect(g.nodes.filter((n) => n.kind === "run")).toHaveLength(25);
    expect(clusters(g)).toEqual([expect.objectContaining({ members: "run", count: 5, label: "5 more runs" })]);
  });

  it("never leaves a cluster of one", async () => {
    await makeRun(w, { id: "r" });
    for (let i = 0; i < 11; i++) await use(`${(await log("d")).name}:v${i}`, "r");
    const g = await getNeighbourhood(w.ctx, w.ns, { start: "run:r", upstream: 1, downstream: 0, fanOut: 10 });
    expect(g.nodes.filter((n) => n.kind === "version")).toHaveLength(11);
    expect(clusters(g)).toEqual([]);
  });

  it("keeps deleted versions in the graph, marked as deleted, and draws patched-from edges", async () => {
    await makeRun(w, { id: "p" });
    const base = await log("data", "p");
    const patched = await patchArtifact(w.ctx, w.ns, "data", { base: "v0", aliases: [], remove: [], entries: [refEntry("g", "s3://b/patch")] });
    await deleteVersion(w.ctx, w.ns, "data", "v0", true, "test");
    const g = await getNeighbourhood(w.ctx, w.ns, { start: `version:${patched.id}`, upstream: 2, downstream: 0 });
    expect(byId(g).get(`version:${base.id}`)).toMatchObject({ state: "DELETED", label: "data:v0" });
    expect(edgeSet(g)).toEqual(new Set([`patched version:${base.id} version:${patched.id}`, `logged run:p version:${base.id}`]));
    const down = await getNeighbourhood(w.ctx, w.ns, { start: `version:${base.id}`, upstream: 0, downstream: 1 });
    expect(edgeSet(down).has(`patched version:${base.id} version:${patched.id}`)).toBe(true);
  });

  it("stops walking when the node budget is spent and says so", async () => {
    await chain();
    const g = await getNeighbourhood(w.ctx, w.ns, { start: "run:train", upstream: 5, downstream: 5, maxNodes: 3 });
    expect(g.truncated).toBe(true);
    expect(g.nodes.length).toBeLessThanOrEqual(3 + 25);
    expect(g.nodes.some((n) => (n as RunNode).up === "more" || (n as RunNode).down === "more")).toBe(true);
  });

  it("refuses unknown or malformed nodes with a sentence", async () => {
    await chain();
    await expect(getNeighbourhood(w.ctx, w.ns, { start: "version:999999" })).rejects.toThrow(NotFoundError);
    await expect(getNeighbourhood(w.ctx, w.ns, { start: "run:nope" })).rejects.toThrow(/run nope does not exist in acme\/vision/);
    await expect(getNeighbourhood(w.ctx, w.ns, { start: "model:v0" })).rejects.toThrow(ValidationError);
    await expect(getNeighbourhood(w.ctx, { entity: "x", project: "y" }, { start: "run:train" })).rejects.toThrow(/project x\/y does not exist/);
    await expect(getNeighbourhood(w.ctx, w.ns, { start: "run:train", expand: { cluster: "v:1|sideways|runs", cursor: 0 } })).rejects.toThrow(ValidationError);
  });
});

describe("allocateSlots", () => {
  it("shows small groups whole and shares the rest", () => {
    expect(allocateSlots([40, 2], 10)).toEqual([8, 2]);
    expect(allocateSlots([3, 3, 3], 25)).toEqual([3, 3, 3]);
    expect(allocateSlots([100, 100], 10)).toEqual([5, 5]);
    expect(allocateSlots([11], 10)).toEqual([11]);
    expect(allocateSlots([0, 5], 2)).toEqual([0, 2]);
  });
});
