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
    const v = await logArtifact(w.ctx, w.ns, "cats", { type: "dataset", entries: [b, a], aliases: ["best"] });
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
    const manifest = await getManifest(w.ctx, w.ns, "cats", "latest");
    expect(manifest.version).toBe(1);
    expect(manifest.contents["a.txt"]).toMatchObject({ digest: "XUFAKrxLKna5cZ2REBfFkg==", size: 5 });
  });

  it("dedups identical contents: no new version, aliases move, the run is still recorded", async () => {
    const first = await makeRun(w);
    const second = await makeRun(w);
    const e = await fileEntry(w.ctx, "model.h5", "weights");
    const v0 = await logArtifact(w.ctx, w.ns, "model", { type: "model", entries: [e], aliases: [], runId: first.id });
    const other = await fileEntry(w.ctx, "model.h5", "weights-2");
    await logArtifact(w.ctx, w.ns, "model", { type: "model", entries: [other], aliases: [] });
    const again = await logArtifact(w.ctx, w.ns, "model", { type: "model", entries: [e], aliases: ["prod"], runId: second.id });
    expect(again).toMatchObject({ id: v0.id, version: "v0", created: false });
    expect(again.aliases.sort()).toEqual(["latest", "prod"]);
    expect((await getVersionLineage(w.ctx, w.ns, "model", "v0")).loggedBy.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect((await listRunArtifacts(w.ctx, w.ns, second.id, "logged")).map((v) => v.ref)).toEqual(["acme/vision/model:v0"]);
  });

  it("never reuses a version index, even after deletion", async () => {
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", entries: [await fileEntry(w.ctx, "x", "1")], aliases: [] });
    const v1 = await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", entries: [await fileEntry(w.ctx, "x", "2")], aliases: [] });
    await deleteVersion(w.ctx, w.ns, "ds", "v1", true, "test");
    const next = await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", entries: [await fileEntry(w.ctx, "x", "3")], aliases: [] });
    expect(v1.version).toBe("v1");
    expect(next.version).toBe("v2");
    expect((await getVersion(w.ctx, w.ns, "ds", "latest")).version).toBe("v2");
  });

  it("refuses a name already used with another type", async () => {
    const e = await fileEntry(w.ctx, "x", "1");
    await logArtifact(w.ctx, w.ns, "cats", { type: "dataset", entries: [e], aliases: [] });
    await expect(logArtifact(w.ctx, w.ns, "cats", { type: "model", entries: [e], aliases: [] })).rejects.toThrow(/already exists as type `dataset`/);
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
    await expect(logArtifact(w.ctx, w.ns, bad.name ?? "ok", { type: bad.type ?? "dataset", entries: [e], aliases: bad.aliases ?? [] })).rejects.toThrow(why);
    expect(await w.ctx.sql.get("select count(*) as n from versions")).toEqual({ n: 0 });
  });

  it("refuses a file whose blob was never uploaded, or whose digest disagrees with the blob", async () => {
    const e = await fileEntry(w.ctx, "a", "hello");
    await expect(logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [{ ...e, sha256: "0".repeat(64) }] })).rejects.toThrow(/was not uploaded/);
    await expect(logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [{ ...e, digest: "AAAAAAAAAAAAAAAAAAAAAA==" }] })).rejects.toThrow(/declares size/);
  });

  it("logs an empty artifact with the digest of the bare manifest header, as W&B does", async () => {
    const v = await logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [] });
    expect(v).toMatchObject({ digest: computeManifestDigest([]), fileCount: 0, size: 0, created: true });
    expect((await logArtifact(w.ctx, w.ns, "x", { type: "t", aliases: [], entries: [] })).created).toBe(false);
  });

  it("stores references without copying contents, with the URI as digest when unchecked", async () => {
    const v = await logArtifact(w.ctx, w.ns, "refs", {
      type: "dataset",
      aliases: [],
      entries: [refEntry("model.h5", "s3://my-bucket/model.h5"), refEntry("page", "https://example.com/x", "etag-1")],
    });
    const m = await getManifest(w.ctx, w.ns, "refs", v.version!);
    expect(m.contents["model.h5"]).toMatchObject({ ref: "s3://my-bucket/model.h5", digest: "s3://my-bucket/model.h5" });
    await expect(logArtifact(w.ctx, w.ns, "refs", { type: "dataset", aliases: [], entries: [refEntry("x", "ftp://host/x")] })).rejects.toThrow(/unsupported scheme/);
  });

  it("normalises metadata: NaN → null, Infinity refused, over 1 MiB refused", async () => {
    const e = await fileEntry(w.ctx, "a", "1");
    const v = await logArtifact(w.ctx, w.ns, "m", { type: "t", aliases: [], entries: [e], metadata: { loss: NaN, nested: { x: [1, NaN] } } });
    expect(v.metadata).toEqual({ loss: null, nested: { x: [1, null] } });
    await expect(logArtifact(w.ctx, w.ns, "m", { type: "t", aliases: [], entries: [e], metadata: { x: Infinity } })).rejects.toThrow(/Infinity/);
    await expect(logArtifact(w.ctx, w.ns, "m", { type: "t", aliases: [], entries: [e], metadata: { x: "y".repeat(1 << 20) } })).rejects.toThrow(/limit is 1048576/);
  });

  it("pages versions newest first with a keyset cursor", async () => {
    for (let i = 0; i < 7; i++) await logArtifact(w.ctx, w.ns, "p", { type: "t", aliases: [], entries: [await fileEntry(w.ctx, "f", `c${i}`)] });
    const first = await listVersions(w.ctx, w.ns, "p", { limit: 3 });
    expect(first.items.map((v) => v.version)).toEqual(["v6", "v5", "v4"]);
    const second = await listVersions(w.ctx, w.ns, "p", { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((v) => v.version)).toEqual(["v3", "v2", "v1"]);
    const last = await listVersions(w.ctx, w.ns, "p", { limit: 3, cursor: second.nextCursor });
    expect(last.items.map((v) => v.version)).toEqual(["v0"]);
    expect(last.nextCursor).toBeNull();
  });
});

describe("entry digests", () => {
  it("fills a file's digest from the MD5 the server computed at upload when the client sends none", async () => {
    const e = await fileEntry(w.ctx, "a.txt", "hello");
    const v = await logArtifact(w.ctx, w.ns, "nodigest", { type: "t", aliases: [], entries: [{ path: e.path, size: e.size, sha256: e.sha256 }] });
    expect((await getManifest(w.ctx, w.ns, "nodigest", v.version!)).contents["a.txt"]?.digest).toBe("XUFAKrxLKna5cZ2REBfFkg==");
    await expect(logArtifact(w.ctx, w.ns, "r", { type: "t", aliases: [], entries: [{ path: "x", size: 0, ref: "s3://b/x" }] })).rejects.toThrow(/needs a digest/);
  });
});

describe("concurrent commits to one collection", () => {
  it("hand out dense, unique indexes, dedup identical contents, and leave each alias on one version", async () => {
    const entries = await Promise.all([...Array(8).keys()].map((i) => fileEntry(w.ctx, "f", `c${i % 6}`)));
    // Eight writers at once, two of them with contents another one also commits: the transactions interleave their awaits.
    const logged = await Promise.all(entries.map((e) => logArtifact(w.ctx, w.ns, "busy", { type: "t", aliases: ["shared"], entries: [e] })));
    const created = logged.filter((v) => v.created);
    expect(created.map((v) => v.versionIndex).sort((a, b) => a! - b!)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(logged.map((v) => v.id)).size).toBe(6);
    const rows = await w.ctx.sql.all<{ versionIndex: number }>("select version_index as versionIndex from versions order by version_index");
    expect(rows.map((r) => r.versionIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    const aliases = await w.ctx.sql.all<{ alias: string; n: number }>("select alias, count(*) as n from aliases group by alias order by alias");
    expect(aliases).toEqual([
      { alias: "latest", n: 1 },
      { alias: "shared", n: 1 },
    ]);
    expect(await w.ctx.sql.get("select next_version_index as next, version_count as count from collections")).toEqual({ next: 6, count: 6 });
  });
});
