import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@/server/testing/databases";
import type { DbHandle } from "../client";
import type { Database } from "../sql/sql";
import { findKeepBoundIndex, listCleanupIds, lockCleanupBatchRows, pageCleanupPhase, sumExclusiveBlobBytes, tallyCleanupPhase } from "./cleanup";
import { countCollections, countCollectionsByType, insertCollection, listCollectionPage, selectCollection } from "./collections";
import { listChangedEntries, summarizeEntriesOfA, summarizeEntriesOnlyInB } from "./compare";
import { countVersionGrid, listVersionDtoRows, listVersionGridKeys, listVersionGridRows, listVersionKeys, listVersionOptionRows, searchVersionOptionRows } from "./grid";
import { countRunEdges, listRunGroupRows, listRunNodeRows, listVersionGroupRows, listVersionNodeRows } from "./lineage";
import { listLineageSteps } from "./lineage-steps";
import { findProjectSummary, insertProjectIfMissing, listProjectSummaries, selectProject } from "./projects";
import { listRunPage } from "./run-list";
import { searchAliasNames, searchCollectionNames, searchRunNames } from "./search";

// The read path's SQL (issue 11) on both databases: one text per query must give the same rows on SQLite and
// PostgreSQL (id lists, alias arrays and the metadata filter are written per dialect; the rest is shared).

const drivers = testDatabases();

const T = Date.UTC(2026, 0, 1);
const sha = (n: number) => n.toString(16).padStart(64, "0");

/**
 * Project 100 (acme/vision): collection 200 `ckpt` (model) v0..v4 = versions 300..304, 305 a draft;
 * collection 201 `data` (dataset) v0 = version 310. Aliases: best → v1, latest → v4 (added in that order,
 * plus `epoch-1` on v1 after `best`). v4 was patched from v3. Run 400 `train` logged v0..v4 and used data:v0;
 * run 401 `eval` used v4. Entries: v3 has a, b, c; v4 has b (changed), c, d (added); blobs shared by v0 and v1.
 */
async function seed(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run("insert into projects (id, entity, name, created_at, updated_at) values (?, ?, ?, ?, ?)", [100, "acme", "vision", T, T + 9]);
    await tx.runMany("insert into collections (id, project_id, name, type, version_count, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)", [
      [200, 100, "ckpt", "model", 5, T, T],
      [201, 100, "data", "dataset", 1, T, T],
    ]);
    const versions: (number | string | null)[][] = [];
    for (let i = 0; i < 5; i++) {
      versions.push([300 + i, 200, i, "COMMITTED", `d${i}`, 10 + i, JSON.stringify({ even: i % 2 === 0, eval: { acc: i / 10 }, name: `n${i}` }), i === 4 ? 303 : null, T + i * 1000]);
    }
    versions.push([305, 200, null, "PENDING", null, 7, "{}", null, T + 10_000]);
    versions.push([310, 201, 0, "COMMITTED", "dd", 1, "{}", null, T]);
    await tx.runMany(
      "insert into versions (id, collection_id, version_index, state, digest, size, metadata, base_version_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      versions.map((v) => [...v, v[8]!]),
    );
    await tx.runMany("insert into aliases (id, collection_id, version_id, alias, created_at) values (?, ?, ?, ?, ?)", [
      [500, 200, 301, "best", T],
      [501, 200, 304, "latest", T],
      [502, 200, 301, "epoch-1", T],
    ]);
    await tx.runMany("insert into runs (id, project_id, run_id, name, job_type, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)", [
      [400, 100, "train", "train-run", "train", "finished", T, T],
      [401, 100, "eval", "eval-run", null, "running", T + 1, T + 1],
    ]);
    const edges: (number | string)[][] = [];
    for (let i = 0; i < 5; i++) edges.push([600 + i, 400, 300 + i, "logged", T]);
    edges.push([610, 400, 310, "used", T], [611, 401, 304, "used", T]);
    await tx.runMany("insert into run_edges (id, run_id, version_id, kind, created_at) values (?, ?, ?, ?, ?)", edges);
    await tx.runMany("insert into blobs (sha256, size, md5, created_at) values (?, ?, ?, ?)", [1, 2, 3, 4, 5].map((n) => [sha(n), n * 100, `m${n}`, T]));
    await tx.runMany("insert into entries (version_id, path, digest, size, blob_sha256) values (?, ?, ?, ?, ?)", [
      [300, "shared", "s", 100, sha(1)],
      [301, "shared", "s", 100, sha(1)],
      [300, "own", "o", 200, sha(2)],
      [303, "a", "a", 1, sha(3)],
      [303, "b", "b1", 2, sha(4)],
      [303, "c", "c", 3, sha(5)],
      [304, "b", "b2", 5, sha(4)],
      [304, "c", "c", 3, sha(5)],
      [304, "d", "d", 4, sha(3)],
    ]);
  });
}

for (const driver of drivers) {
  describe.skipIf(driver.skip)(`the read path's queries on ${driver.name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let h: DbHandle;
    beforeAll(async () => {
      ({ sql: db, done } = await driver.open());
      h = { sql: db };
      await seed(db);
    });
    afterAll(async () => done?.());

    it("loads version DTO rows with aliases oldest first and the patched-from base", async () => {
      const rows = await listVersionDtoRows(h, [304, 301, 999]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(rows).toHaveLength(2);
      expect(JSON.parse(byId.get(301)!.aliases!)).toEqual(["best", "epoch-1"]);
      expect(byId.get(304)).toMatchObject({ versionIndex: 4, baseIndex: 3, baseName: "ckpt", baseEntity: "acme", baseProject: "vision", entity: "acme", project: "vision", revision: 0 });
      expect(JSON.parse(byId.get(304)!.aliases!)).toEqual(["latest"]);
      expect(JSON.parse((await listVersionDtoRows(h, [300]))[0]!.aliases ?? "[]")).toEqual([]);
    });

    it("pages and counts the grid with its filters, the metadata filter included", async () => {
      const f = { collectionId: 200, state: "COMMITTED" as const };
      expect(await listVersionGridKeys(h, f, { sort: "version", desc: true, after: null, limit: 2 })).toEqual([
        { id: 304, k: 4 },
        { id: 303, k: 3 },
      ]);
      expect(await listVersionGridKeys(h, f, { sort: "version", desc: true, after: { k: 3, id: 303 }, limit: 2 })).toEqual([
        { id: 302, k: 2 },
        { id: 301, k: 1 },
      ]);
      expect(await countVersionGrid(h, { ...f, alias: "without" })).toBe(3);
      expect((await listVersionGridKeys(h, { ...f, meta: { key: "even", value: "true" } }, { sort: "size", desc: false, after: null, limit: 9 })).map((r) => r.id)).toEqual([300, 302, 304]);
      expect((await listVersionGridKeys(h, { ...f, meta: { key: "eval.acc", value: "0.3" } }, { sort: "version", desc: true, after: null, limit: 9 })).map((r) => r.id)).toEqual([303]);
      expect(await countVersionGrid(h, { ...f, meta: { key: "name", value: '"n2"' } })).toBe(1);
      expect(await countVersionGrid(h, { collectionId: 200, state: "all", createdFrom: T + 3000, createdTo: T + 10_001 })).toBe(3);
      expect((await listVersionKeys(h, { collectionId: 200, state: "all", before: 305, limit: 2 })).map((r) => r.id)).toEqual([304, 303]);
      expect((await listVersionKeys(h, { collectionId: 200, state: "PENDING", before: null, limit: 2 })).map((r) => r.id)).toEqual([305]);
    });

    it("finds each row's producer and consumers, and the pickers' options", async () => {
      const rows = new Map((await listVersionGridRows(h, [304, 302, 310, 999])).map((r) => [r.id, r]));
      expect([...rows.keys()].sort()).toEqual([302, 304, 310]);
      expect(rows.get(304)).toMatchObject({ versionIndex: 4, baseIndex: 3, baseName: "ckpt", producerRunId: "train", producerName: "train-run", consumers: 1 });
      expect(JSON.parse(rows.get(304)!.aliases!)).toEqual(["latest"]);
      expect(rows.get(302)).toMatchObject({ producerRunId: "train", producerName: "train-run", consumers: 0, baseIndex: null });
      expect(rows.get(310)).toMatchObject({ name: "data", producerRunId: null, producerName: null, consumers: 1 });
      const first = await listVersionOptionRows(h, { collectionId: 200, before: null, limit: 2 });
      expect(first.map((r) => [r.versionIndex, JSON.parse(r.aliases ?? "[]")])).toEqual([
        [4, ["latest"]],
        [3, []],
      ]);
      expect((await listVersionOptionRows(h, { collectionId: 200, before: 2, limit: 5 })).map((r) => r.versionIndex)).toEqual([1, 0]);
      expect((await searchVersionOptionRows(h, { collectionId: 200, index: 2, prefix: "ep", limit: 5 })).map((r) => r.versionIndex)).toEqual([2, 1]);
      expect((await searchVersionOptionRows(h, { collectionId: 200, index: -1, prefix: "lat", limit: 5 })).map((r) => r.versionIndex)).toEqual([4]);
    });

    it("compares two manifests: the summary and every filter of the change list", async () => {
      expect(await summarizeEntriesOfA(h, 303, 304)).toEqual({ removed: 1, removedBytes: 1, changed: 1, changedBytesDelta: 3, unchanged: 1 });
      expect(await summarizeEntriesOnlyInB(h, 303, 304)).toEqual({ added: 1, addedBytes: 4 });
      const list = async (filter: "all" | "added" | "removed" | "changed", after = "") => (await listChangedEntries(h, { a: 303, b: 304, filter, after, limit: 10 })).map((r) => r.path);
      expect(await list("all")).toEqual(["a", "b", "d"]);
      expect(await list("all", "a")).toEqual(["b", "d"]);
      expect(await list("added")).toEqual(["d"]);
      expect(await list("removed")).toEqual(["a"]);
      expect(await list("changed")).toEqual(["b"]);
      expect((await listChangedEntries(h, { a: 303, b: 304, filter: "added", after: "", limit: 1 }))[0]).toEqual({
        path: "d",
        aDigest: null,
        aSize: null,
        aRef: null,
        bDigest: "d",
        bSize: 4,
        bRef: null,
      });
    });

    it("selects, tallies, pages and locks a cleanup's versions, and sums the bytes only they hold", async () => {
      const keep = await findKeepBoundIndex(h, 200, 1);
      expect(keep).toBe(3); // v4 and v1 are aliased: the newest unaliased is v3
      const cut = { id: 200, belowIndex: keep!, cutoff: T + 60_000 };
      expect(await listCleanupIds(h, cut, "committed")).toEqual([302, 300]);
      expect(await listCleanupIds(h, cut, "drafts")).toEqual([305]);
      expect(await tallyCleanupPhase(h, cut, "committed")).toEqual({ n: 2, bytes: 22 });
      expect(await pageCleanupPhase(h, cut, { phase: "committed", after: 2, limit: 5 })).toEqual([{ id: 300, k: 0 }]);
      const rows = await db.transaction(() => lockCleanupBatchRows(h, [300, 301, 304], T));
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(301)).toMatchObject({ aliased: 1, usedSince: 0, collectionId: 200, versionIndex: 1, state: "COMMITTED" });
      expect(byId.get(304)).toMatchObject({ aliased: 1, usedSince: 1 });
      expect(byId.get(300)).toMatchObject({ aliased: 0, usedSince: 0, metadata: expect.stringContaining("even") as string });
      expect(await db.transaction(() => lockCleanupBatchRows(h, [304], T + 1))).toMatchObject([{ usedSince: 0 }]);
      // v0 alone holds `own` (200 B); `shared` is held by v1 too, unless v1 goes as well.
      expect(await sumExclusiveBlobBytes(h, [300])).toBe(200);
      expect(await sumExclusiveBlobBytes(h, [300, 301])).toBe(300);
    });

    it("walks lineage a frontier at a time and tells which nodes have more", async () => {
      const down = await listLineageSteps(h, { versionIds: [303], runIds: [], dir: "down", limit: 10 });
      expect(down).toEqual([{ fromType: "v", fromPk: 303, toType: "v", toPk: 304, kind: "patched" }]);
      const up = await listLineageSteps(h, { versionIds: [304], runIds: [401], dir: "up", limit: 10 });
      expect(new Set(up.map((s) => `${s.fromType}${s.fromPk}>${s.toType}${s.toPk}:${s.kind}`))).toEqual(new Set(["v304>r400:logged", "v304>v303:patched", "r401>v304:used"]));
      expect(await listLineageSteps(h, { versionIds: [], runIds: [400], dir: "down", limit: 2 })).toHaveLength(2);
      // A version's groups in one statement: runs first (g 0), then its base (up) or patched versions (down).
      expect(await listVersionGroupRows(h, 304, { dir: "up", kind: "logged", limit: 5 })).toEqual([
        { g: 0, cursor: 604, pk: 400 },
        { g: 1, cursor: 0, pk: 303 },
      ]);
      expect(await listVersionGroupRows(h, 303, { dir: "down", kind: "used", limit: 5 })).toEqual([{ g: 1, cursor: 304, pk: 304 }]);
      expect(await listVersionGroupRows(h, 304, { dir: "down", kind: "used", limit: 5 })).toEqual([{ g: 0, cursor: 611, pk: 401 }]);
      // A run's versions grouped by collection: the first `perGroup` of each, the group's size within the scan, and what follows a full scan.
      const collection = driver.name === "postgres" ? "ckpt" : null;
      expect(await listRunGroupRows(h, 400, { kind: "logged", scan: 3, perGroup: 2 })).toEqual([
        { cursor: 600, pk: 300, cid: 200, collection, total: 3, scanned: 3, lastCursor: 602, rest: 2 },
        { cursor: 601, pk: 301, cid: 200, collection, total: 3, scanned: 3, lastCursor: 602, rest: 2 },
      ]);
      expect((await listRunGroupRows(h, 400, { kind: "logged", scan: 10, perGroup: 9 })).map((r) => [r.pk, r.total, r.scanned, r.rest])).toEqual(
        [300, 301, 302, 303, 304].map((pk) => [pk, 5, 5, 0]),
      );
      expect(await listRunGroupRows(h, 401, { kind: "logged", scan: 10, perGroup: 9 })).toEqual([]);
      const withFlags = await listVersionNodeRows(h, [303, 305, 310]);
      expect(new Map(withFlags.map((n) => [n.id, [n.hasUp, n.hasDown]]))).toEqual(
        new Map([
          [303, [1, 1]],
          [305, [0, 0]],
          [310, [0, 1]],
        ]),
      );
      expect(new Map((await listRunNodeRows(h, [400, 401])).map((n) => [n.pk, [n.hasUp, n.hasDown]]))).toEqual(
        new Map([
          [400, [1, 1]],
          [401, [1, 0]],
        ]),
      );
      expect(await countRunEdges(h, 400, { kind: "logged", after: 601, collectionId: 200 })).toBe(3);
      const nodes = await listVersionNodeRows(h, [301, 305]);
      expect(new Map(nodes.map((n) => [n.id, JSON.parse(n.aliases) as string[]]))).toEqual(
        new Map([
          [301, ["best", "epoch-1"]],
          [305, []],
        ]),
      );
    });

    it("lists runs, projects, collections and search hits", async () => {
      const runs = await listRunPage(h, { projectId: 100, before: null, limit: 1 });
      expect(runs).toMatchObject([{ id: 401, runId: "eval", group: null, logged: 0, used: 1, jobType: null }]);
      expect(await listRunPage(h, { projectId: 100, before: { createdAt: runs[0]!.createdAt, id: 401 }, limit: 5 })).toMatchObject([{ id: 400, logged: 5, used: 1 }]);

      await insertProjectIfMissing(h, "acme", "vision", T + 5);
      await insertProjectIfMissing(h, "acme", "new", T + 5);
      expect(await selectProject(h, "acme", "new")).toMatchObject({ entity: "acme", name: "new", createdAt: T + 5 });
      expect(await findProjectSummary(h, 100)).toEqual({ entity: "acme", project: "vision", collections: 2, versions: 6, runs: 2, updatedAt: T + 9 });
      expect((await listProjectSummaries(h)).map((p) => p.project)).toEqual(["vision", "new"]);

      expect(await insertCollection(h, { projectId: 100, name: "ckpt", type: "other", now: T })).toBeUndefined();
      const made = await insertCollection(h, { projectId: 100, name: "fresh_set", type: "dataset", now: T });
      expect(made).toMatchObject({ projectId: 100, name: "fresh_set", type: "dataset", versionCount: 0, totalSize: 0, nextVersionIndex: 0 });
      expect(await selectCollection(h, 100, "fresh_set")).toEqual(made);
      expect(await countCollectionsByType(h, 100)).toEqual([
        { type: "dataset", count: 2 },
        { type: "model", count: 1 },
      ]);
      // "SET" matches a name (fresh_set) or a type (dataset), whatever the case.
      expect((await listCollectionPage(h, { projectId: 100, q: "SET" }, { after: null, limit: 5 })).map((c) => c.name)).toEqual(["data", "fresh_set"]);
      expect((await listCollectionPage(h, { projectId: 100, q: "best" }, { after: null, limit: 5 })).map((c) => c.name)).toEqual(["ckpt"]);
      expect((await listCollectionPage(h, { projectId: 100 }, { after: { type: "dataset", name: "data" }, limit: 5 })).map((c) => c.name)).toEqual(["fresh_set", "ckpt"]);
      expect(await countCollections(h, { projectId: 100, type: "dataset", q: "_" })).toBe(1);

      const args = { projectIds: [100], q: "E", limit: 5 };
      expect((await searchCollectionNames(h, { ...args, q: "data" })).map((c) => c.name)).toEqual(["data"]);
      // A prefix match first (`epoch-1` starts with "e", whatever the case), then the shorter name.
      expect((await searchAliasNames(h, args)).map((a) => [a.alias, a.versionIndex])).toEqual([
        ["epoch-1", 1],
        ["best", 1],
        ["latest", 4],
      ]);
      expect((await searchRunNames(h, { ...args, q: "eval" })).map((r) => r.runId)).toEqual(["eval"]);
      expect(await searchRunNames(h, { ...args, projectIds: [] })).toEqual([]);
    });
  });
}
