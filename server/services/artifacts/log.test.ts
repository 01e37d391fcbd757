import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, makeRun, refEntry, type TestWorld } from "../../testing/factory";
import { getVersionLineage, listRunArtifacts } from "./lineage";
import { computeManifestDigest } from "../../../lib/digest";
import { logArtifact } from "./log";
import { getManifest, getVersion, listVersions } from "./read";
import { deleteVersion } from "./delete";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("logArtifact (simple mode)", () => {
  it("commits v0 with the W&B digest and moves latest", async () => {
    const a = await fileEntry(w.ctx, "a.txt", "hello");
    const b = await fileEntry(w.ctx, "b/c.txt", "world!");
    const v = logArtifact(w.ctx, w.ns, "cats", { type: "dataset", entries: [b, a], aliases: ["best"] });
    expect(v).toMatchObject({
      ref: "acme/vision/cats:v0",
      version: "v0",
      state: "COMMITTED",
      digest: "a5e975a3c537b6e08023663beefee224",
      size: 11,
      fileCount: 2,
      aliases: ["latest", "best"],
      created: true,
    });
    const manifest = getManifest(w.ctx, w.ns, "cats", "latest");
    expect(manifest.version).toBe(1);
    expect(manifest.contents["a.txt"]).toMatchObject({ digest: "XUFAKrxLKna5cZ2REBfFkg==", size: 5 });
  });

  it("dedups identical contents: no new version, aliases move, the run is still recorded", async () => {
    const first = makeRun(w);
    const second = makeRun(w);
    const e = await fileEntry(w.ctx, "model.h5", "weights");
    const v0 = logArtifact(w.ctx, w.ns, "model", { type: "model", entries: [e], aliases: [], runId: first.id });
    const other = await fileEntry(w.ctx, "model.h5", "weights-2");
    logArtifact(w.ctx, w.ns, "model", { type: "model", entries: [other], aliases: [] });
    const again = logArtifact(w.ctx, w.ns, "model", { type: "model", entries: [e], aliases: ["prod"], runId: second.id });
    expect(again).toMatchObject({ id: v0.id, version: "v0", created: false });
    expect(again.aliases.sort()).toEqual(["latest", "prod"]);
    expect(getVersionLineage(w.ctx, w.ns, "model", "v0").loggedBy.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(listRunArtifacts(w.ctx, w.ns, second.id, "logged").map((v) => v.ref)).toEqual(["acme/vision/model:v0"]);
  });

  it("never reuses a version index, even after deletion", async () => {
    logArtifact(w.ctx, w.ns, "ds", { type: "dataset", entries: [await fileEntry(w.ctx, "x", "1")], aliases: [] });
    const v1 = logArtifact(w.ctx, w.ns, "ds", { type: "dataset", entries: [await fileEntry(w.ctx, "x", "2")], aliases: [] });
    deleteVersion(w.ctx, w.ns, "ds", "v1", true, "test");
    const next = logArtifact(w.ctx, w.ns, "ds", { type: "dataset", entries: [await fileEntry(w.ctx, "x", "3")], aliases: [] });
    expect(v1.version).toBe("v1");
    expect(next.version).toBe("v2");
    expect(getVersion(w.ctx, w.ns, "ds", "latest").version).toBe("v2");
  });

  it("refuses a name already used with another type", async () => {
    const e = await fileEntry(w.ctx, "x", "1");
    logArtifact(w.ctx, w.ns, "cats", { type: "dataset", entries: [e], aliases: [] });
    expect(() => logArtifact(w.ctx, w.ns, "cats", { type: "model", entries: [e], aliases: [] })).toThrow(/already exists as type `dataset`/);
  });

  it.each([
    ["bad name", { name: "no spaces" }, /invalid artifact name/],
    ["reserved type", { type: "arca-x" }, /reserved/],
    ["alias v3", { aliases: ["v3"] }, /version index/],
    ["traversal path", { path: "../x" }, /'\.\.'/],
    ["absolute path", { path: "/etc/passwd" }, /relative/],
    ["empty segment", { path: "a//b" }, /empty segment/],
    ["NUL in path", { path: "a\0b" }, /NUL/],
  ])("refuses %s and stores nothing", async (_label, bad: { name?: string; type?: string; aliases?: string[]; path?: string }, why) => {
    const e = await fileEntry(w.ctx, bad.path ?? "ok.txt", "x");
    expect(() =>
      logArtifact(w.ctx, w.ns, bad.name ?? "ok", { type: bad.type ?? "dataset", entries: [e], aliases: bad.aliases ?? [] }),
    ).toThrow(why);
    expect(w.ctx.sqlite.prepare("select count(*) as n from versions").get()).toEqual({ n: 0 });
  });

  it("refuses a file whose blob was never uploaded, or whose digest disagrees with the blob", async () => {
    const e = await fileEntry(w.ctx, "a", "hello");
    expect(() => logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [{ ...e, sha256: "0".repeat(64) }] })).toThrow(/was not uploaded/);
    expect(() => logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [{ ...e, digest: "AAAAAAAAAAAAAAAAAAAAAA==" }] })).toThrow(/declares size/);
  });

  it("logs an empty artifact with the digest of the bare manifest header, as W&B does", () => {
    const v = logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [] });
    expect(v).toMatchObject({ digest: computeManifestDigest([]), fileCount: 0, size: 0, created: true });
    expect(logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [] }).created).toBe(false);
  });

  it("stores references without copying contents, with the URI as digest when unchecked", () => {
    const v = logArtifact(w.ctx, w.ns, "refs", {
      type: "dataset",
      aliases: [],
      entries: [refEntry("model.h5", "s3://my-bucket/model.h5"), refEntry("page", "https://example.com/x", "etag-1")],
    });
    const m = getManifest(w.ctx, w.ns, "refs", v.version!);
    expect(m.contents["model.h5"]).toMatchObject({ ref: "s3://my-bucket/model.h5", digest: "s3://my-bucket/model.h5" });
    expect(() => logArtifact(w.ctx, w.ns, "refs", { type: "dataset", aliases: [], entries: [refEntry("x", "ftp://host/x")] })).toThrow(/unsupported scheme/);
  });

  it("normalises metadata: NaN → null, Infinity refused, over 1 MiB refused", async () => {
    const e = await fileEntry(w.ctx, "a", "1");
    const v = logArtifact(w.ctx, w.ns, "m", { type: "t", aliases: [], entries: [e], metadata: { loss: NaN, nested: { x: [1, NaN] } } });
    expect(v.metadata).toEqual({ loss: null, nested: { x: [1, null] } });
    expect(() => logArtifact(w.ctx, w.ns, "m", { type: "t", aliases: [], entries: [e], metadata: { x: Infinity } })).toThrow(/Infinity/);
    expect(() => logArtifact(w.ctx, w.ns, "m", { type: "t", aliases: [], entries: [e], metadata: { x: "y".repeat(1 << 20) } })).toThrow(/limit is 1048576/);
  });

  it("pages versions newest first with a keyset cursor", async () => {
    for (let i = 0; i < 7; i++) logArtifact(w.ctx, w.ns, "p", { type: "t", aliases: [], entries: [await fileEntry(w.ctx, "f", `c${i}`)] });
    const first = listVersions(w.ctx, w.ns, "p", { limit: 3 });
    expect(first.items.map((v) => v.version)).toEqual(["v6", "v5", "v4"]);
    const second = listVersions(w.ctx, w.ns, "p", { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((v) => v.version)).toEqual(["v3", "v2", "v1"]);
    const last = listVersions(w.ctx, w.ns, "p", { limit: 3, cursor: second.nextCursor });
    expect(last.items.map((v) => v.version)).toEqual(["v0"]);
    expect(last.nextCursor).toBeNull();
  });
});

describe("entry digests", () => {
  it("fills a file's digest from the MD5 the server computed at upload when the client sends none", async () => {
    const e = await fileEntry(w.ctx, "a.txt", "hello");
    const v = logArtifact(w.ctx, w.ns, "nodigest", { type: "t", aliases: [], entries: [{ path: e.path, size: e.size, sha256: e.sha256 }] });
    expect(getManifest(w.ctx, w.ns, "nodigest", v.version!).contents["a.txt"]?.digest).toBe("XUFAKrxLKna5cZ2REBfFkg==");
    expect(() => logArtifact(w.ctx, w.ns, "r", { type: "t", aliases: [], entries: [{ path: "x", size: 0, ref: "s3://b/x" }] })).toThrow(/needs a digest/);
  });
});
