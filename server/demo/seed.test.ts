import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../testing/factory";
import { getVersionLineage, listRunArtifacts } from "../services/artifacts/lineage";
import { getManifest, getVersion, listEntries, listVersions } from "../services/artifacts/read";
import { listCollections } from "../services/artifacts/collections";
import { getTablePage } from "../services/tables/query";
import { openTableWhenReady } from "../services/tables/registry";
import { digitPath } from "./digits";
import { seedDemo } from "./seed";

let w: TestWorld;
const ns = { entity: "demo", project: "mnist-pipeline" };
beforeAll(async () => {
  w = createTestWorld();
  w.clock.now = Date.now();
  await seedDemo(w.ctx);
}, 120_000);
afterAll(() => w.cleanup());

describe("demo project", () => {
  it("has several types and a collection with dozens of aliased versions", async () => {
    const collections = await listCollections(w.ctx, ns);
    expect(new Set(collections.map((c) => c.type))).toEqual(new Set(["dataset", "model", "evaluation"]));
    expect(collections.find((c) => c.name === "checkpoints")?.versionCount).toBe(36);
    expect((await getVersion(w.ctx, ns, "checkpoints", "epoch-36")).version).toBe("v35");
    expect((await getVersion(w.ctx, ns, "checkpoints", "best")).aliases).toContain("best");
  });

  it("forms the chain raw → processed → model → evaluation", async () => {
    const used = async (run: string) => (await listRunArtifacts(w.ctx, ns, run, "used")).map((v) => v.name);
    const logged = async (run: string) => (await listRunArtifacts(w.ctx, ns, run, "logged")).map((v) => v.name);
    expect(await used("preprocess-1")).toEqual(["raw-images"]);
    expect(await logged("preprocess-1")).toEqual(["mnist-processed"]);
    expect(await used("train-cnn-1")).toEqual(["mnist-processed"]);
    expect(await used("export-1")).toEqual(["checkpoints"]);
    expect(await used("eval-shard-0")).toEqual(["classifier", "mnist-processed"]);
    expect(await logged("eval-finish")).toEqual(["eval-predictions"]);
  });

  it("has a collaborative version from six writers with a 100,000-row partitioned table in 10 parts", async () => {
    const v = await getVersion(w.ctx, ns, "eval-predictions", "latest");
    expect(v.metadata).toMatchObject({ rows: 100_000, shard_0: "done", shard_4: "done" });
    expect((await getVersionLineage(w.ctx, ns, "eval-predictions", "latest")).loggedBy).toHaveLength(6);
    const parts = (await listEntries(w.ctx, ns, "eval-predictions", "latest", { prefix: "parts/" })).items;
    expect(parts).toHaveLength(10);
    expect(Object.keys((await getManifest(w.ctx, ns, "eval-predictions", "latest")).contents)).toContain("predictions.partitioned-table.json");
  });

  it("has image cells in its prediction table that point at PNGs of the version", async () => {
    const ref = { ...ns, name: "eval-predictions", version: "v0", path: "predictions.partitioned-table.json" };
    const ready = await openTableWhenReady(w.ctx, ref);
    expect(ready.index.meta.columns[1]).toEqual({ name: "image", type: "image" });
    const contents = (await getManifest(w.ctx, ns, "eval-predictions", "v0")).contents;
    const page = await getTablePage(w.ctx, { ...ref, offset: 0, limit: 20, filters: [] });
    for (const row of page.rows) {
      const cell = row.cells[1] as { _type: string; path: string };
      expect(cell._type).toBe("image-file");
      expect(contents[cell.path]?.size).toBeGreaterThan(60);
    }
    expect(Object.keys(contents).filter((p) => p.startsWith("media/images/"))).toHaveLength(10);
    expect(contents[digitPath(3)]).toBeDefined();
  });

  it("has a patched version, references and an unfinished draft", async () => {
    expect((await getVersion(w.ctx, ns, "mnist-processed", "v1")).basedOn).toBe("demo/mnist-pipeline/mnist-processed:v0");
    expect((await getManifest(w.ctx, ns, "raw-images", "latest")).contents["mnist.tar.gz"]?.ref).toBe("s3://arca-demo/raw/mnist.tar.gz");
    expect((await listVersions(w.ctx, ns, "mnist-augmented", { state: "PENDING" })).items).toHaveLength(1);
  });
});
