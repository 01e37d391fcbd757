import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, refEntry, type TestWorld } from "../../testing/factory";
import { compareVersions, listFileChanges } from "./compare";
import { DIFF_MAX_BYTES, diffVersionFile } from "./file-diff";
import { logArtifact } from "./log";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const notes = (n: number) => Array.from({ length: 30 }, (_, i) => (i === 12 ? `line ${i} edited ${n}` : `line ${i}`)).join("\n") + "\n";

async function seed() {
  for (const n of [0, 1]) {
    await logArtifact(w.ctx, w.ns, "ds", {
      type: "dataset",
      aliases: [],
      entries: [
        // The same keys in another order and indentation, and one changed value.
        await fileEntry(w.ctx, "config.json", n === 0 ? '{"lr":0.1,"epochs":3,"layers":[64,32]}' : '{\n "epochs": 3,\n "layers": [64, 32],\n "lr": 0.01\n}'),
        await fileEntry(w.ctx, "notes.txt", notes(n)),
        await fileEntry(w.ctx, "weights.bin", Buffer.from([0, 1, 2, n])),
        await fileEntry(w.ctx, "big.txt", "x".repeat(DIFF_MAX_BYTES + n + 1)),
        await fileEntry(w.ctx, "nan.json", `{"loss": NaN, "step": ${n}}`),
        refEntry("ref.csv", "s3://bucket/ref.csv", `etag-${n}`),
        ...(n === 1 ? [await fileEntry(w.ctx, "added.txt", "new\n")] : []),
      ],
    });
  }
}

const diff = (path: string, a = "v0", b = "v1") => diffVersionFile(w.ctx, w.ns, { name: "ds", a, b, path });

describe("diffVersionFile", () => {
  it("diffs JSON pretty-printed with sorted keys: only the changed value differs", async () => {
    await seed();
    const d = await diff("config.json");
    expect(d.result).toMatchObject({ status: "diff", format: "json", added: 1, removed: 1 });
    if (d.result.status !== "diff") throw new Error("no diff");
    const changed = d.result.hunks.flatMap((h) => h.lines).filter((l) => l.kind !== "context");
    expect(changed).toEqual([
      { kind: "removed", text: '  "lr": 0.1', oldNo: 7 },
      { kind: "added", text: '  "lr": 0.01', newNo: 7 },
    ]);
  });

  it("takes the older version as the base whatever order it is asked in", async () => {
    await seed();
    const forward = await diff("notes.txt", "v0", "v1");
    const backward = await diff("notes.txt", "v1", "v0");
    expect(backward).toEqual(forward);
    expect(forward.before?.version).toBe("v0");
    expect(forward.after?.version).toBe("v1");
    if (forward.result.status !== "diff") throw new Error("no diff");
    expect(forward.result.hunks.flatMap((h) => h.lines).filter((l) => l.kind === "removed").map((l) => l.text)).toEqual(["line 12 edited 0"]);
    // The rest of the compare view agrees: A is the older version.
    expect((await compareVersions(w.ctx, w.ns, "ds", "v1", "v0")).a.version).toBe("v0");
    expect((await listFileChanges(w.ctx, w.ns, "ds", "v1", "v0", { filter: "added" })).items.map((c) => c.path)).toEqual(["added.txt"]);
  });

  it("says why there is no line diff: too large, binary, a reference, not JSON after all", async () => {
    await seed();
    expect((await diff("big.txt")).result).toEqual({ status: "too-large", limit: DIFF_MAX_BYTES });
    expect((await diff("weights.bin")).result).toEqual({ status: "binary" });
    expect((await diff("ref.csv")).result).toEqual({ status: "reference" });
    // Not strict JSON: compared as text rather than refused.
    expect((await diff("nan.json")).result).toMatchObject({ status: "diff", format: "text", added: 1, removed: 1 });
  });

  it("shows an added file as all added lines, and refuses a path neither version has", async () => {
    await seed();
    const added = await diff("added.txt");
    expect(added.before).toBeNull();
    expect(added.result).toMatchObject({ status: "diff", added: 1, removed: 0 });
    await expect(diff("nope.txt")).rejects.toThrow(/has a file "nope.txt"/);
  });
});
