import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestWorld, fileEntry, makeRun, type TestWorld } from "../../testing/factory";
import { collectGarbage } from "../blobs/gc";
import { cleanupJob, getCleanupJob, listCleanupCandidates, previewCleanup, startCleanup, type CleanupOutcome } from "./cleanup-project";
import { upsertArtifact } from "./collaborate";
import { logArtifact } from "./log";
import { listVersions } from "./read";
import { updateVersion } from "./update";
import { useArtifact } from "./use";
import { defineJob, enqueueJob, type JobProgress, type JobStatus } from "../jobs/queue";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());
const DAY = 86_400_000;
const criteria = { keepNewest: 0, includeDrafts: false };

/** Two collections sharing one file: `models` (model) v0..v3 and `data` (dataset) v0..v2. */
async function seedProject() {
  const shared = await fileEntry(w.ctx, "shared.bin", Buffer.alloc(1000, 7));
  for (let i = 0; i < 4; i++) {
    await logArtifact(w.ctx, w.ns, "models", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w.bin", Buffer.alloc(100 + i, i))] });
    w.clock.now += DAY;
  }
  for (let i = 0; i < 3; i++) {
    // v0 and v1 of `data` hold the shared file; v2 (latest) does not.
    const entries = [await fileEntry(w.ctx, "rows.csv", `rows ${i}`), ...(i < 2 ? [shared] : [])];
    await logArtifact(w.ctx, w.ns, "data", { type: "dataset", aliases: [], entries });
    w.clock.now += DAY;
  }
  await logArtifact(w.ctx, w.ns, "other", { type: "model", aliases: [], entries: [shared] });
}

async function finished(job: JobStatus<CleanupOutcome>): Promise<JobStatus<CleanupOutcome>> {
  let status = job;
  while (status.state === "queued" || status.state === "running") {
    await new Promise((r) => setTimeout(r, 5));
    status = await getCleanupJob(w.ctx, { ...w.ns, id: job.id });
  }
  return status;
}

/**
 * Keeps the world's job runner busy until `release()`, so a cleanup queued meanwhile waits: what lands
 * between its start and its first batch (an alias, a use) lands there for sure.
 */
const hold = defineJob(
  "test-hold",
  (_ctx, input: { key: string }, { signal }) =>
    new Promise<null>((resolve) => {
      releases.set(input.key, () => resolve(null));
      signal.addEventListener("abort", () => resolve(null)); // the world is being torn down
    }),
);
const releases = new Map<string, () => void>();
async function holdRunner(): Promise<() => void> {
  const key = String(Math.random());
  await enqueueJob(w.ctx, { kind: hold.kind, input: { key }, total: 1 });
  while (!releases.has(key)) await new Promise((r) => setTimeout(r, 2));
  return releases.get(key)!;
}

function fakeProgress(resumed: JobProgress["resumed"] = { done: 0, partial: null }) {
  const reports: { done: number; partial: unknown }[] = [];
  const progress: JobProgress = { resumed, signal: new AbortController().signal, report: (done, partial) => reports.push({ done, partial }) };
  return { reports, progress };
}

async function candidateIds(collection: string): Promise<number[]> {
  return (await listCleanupCandidates(w.ctx, w.ns, { collection }, criteria, { limit: 500 })).items.map((c) => c.id);
}

describe("project-wide cleanup preview", () => {
  it("counts per collection and frees a shared file only when no survivor anywhere holds it", async () => {
    await seedProject();
    // `latest` protects models:v3, data:v2 and other:v0; the shared file lives on in other:v0.
    const preview = await previewCleanup(w.ctx, w.ns, {}, criteria);
    expect(preview.collections).toEqual([
      { name: "data", type: "dataset", versions: 2, drafts: 0, logicalBytes: 6 + 1000 + 6 + 1000 },
      { name: "models", type: "model", versions: 3, drafts: 0, logicalBytes: 100 + 101 + 102 },
    ]);
    expect(preview).toMatchObject({ collectionsScanned: 3, totalVersions: 5, totalDrafts: 0 });
    expect(preview.bytesFreed).toBe(6 + 6 + 100 + 101 + 102);

    // Once other:v0 is in the selection too (its alias gone), the shared file is freed, once.
    await updateVersion(w.ctx, w.ns, "other", "v0", { aliases: { remove: ["latest"] }, replaceMetadata: false }, "ada");
    expect((await previewCleanup(w.ctx, w.ns, {}, criteria)).bytesFreed).toBe(6 + 6 + 100 + 101 + 102 + 1000);
  });

  it("keeps the newest N unaliased versions of each collection and filters by type and age", async () => {
    await seedProject();
    const byType = await previewCleanup(w.ctx, w.ns, { type: "model" }, { ...criteria, keepNewest: 1 });
    expect(byType.collections.map((c) => [c.name, c.versions])).toEqual([["models", 2]]);
    expect(byType.collectionsScanned).toBe(2);
    // models v0..v3 were logged on days 0..3 and the clock is now at day 7: older than 5.5 days is v0 and v1.
    const old = await previewCleanup(w.ctx, w.ns, { collection: "models" }, { ...criteria, olderThanDays: 5.5 });
    expect(old.totalVersions).toBe(2);
    expect((await previewCleanup(w.ctx, w.ns, { collection: "models" }, { ...criteria, olderThanDays: 6.5 })).totalVersions).toBe(1);
    await expect(previewCleanup(w.ctx, w.ns, { collection: "nope" }, criteria)).rejects.toThrow("artifact acme/vision/nope does not exist");
  });

  it("pages the candidates with a keyset cursor across collections and phases", async () => {
    await seedProject();
    await upsertArtifact(w.ctx, w.ns, "models", { type: "model", distributedId: "g", aliases: [], entries: [await fileEntry(w.ctx, "d", "draft")] });
    const withDrafts = { ...criteria, includeDrafts: true };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listCleanupCandidates(w.ctx, w.ns, {}, withDrafts, { cursor, limit: 2 });
      seen.push(...page.items.map((c) => `${c.name}:${c.selector}`));
      cursor = page.nextCursor;
    } while (cursor);
    const draft = (await listVersions(w.ctx, w.ns, "models", { state: "PENDING" })).items[0]!;
    expect(seen).toEqual(["data:v1", "data:v0", "models:v2", "models:v1", "models:v0", `models:draft-${draft.id}`]);
    expect(await previewCleanup(w.ctx, w.ns, {}, withDrafts)).toMatchObject({ totalVersions: 5, totalDrafts: 1 });
    await expect(listCleanupCandidates(w.ctx, w.ns, {}, criteria, { cursor: "x:y:z" })).rejects.toThrow("invalid cursor");
  });
});

describe("batched cleanup job", () => {
  it("deletes in batches, reports progress and bytes, and GC then reclaims them", async () => {
    const shared = await fileEntry(w.ctx, "shared", Buffer.alloc(500, 1));
    for (let i = 0; i < 250; i++) await logArtifact(w.ctx, w.ns, "ckpt", { type: "model", aliases: [], entries: [shared, await fileEntry(w.ctx, "own", `own-${i}`)] });
    const preview = await previewCleanup(w.ctx, w.ns, { collection: "ckpt" }, criteria);
    expect(preview.totalVersions).toBe(249);
    const job = await startCleanup(w.ctx, w.ns, { collection: "ckpt" }, criteria, 249, "ada");
    expect(job).toMatchObject({ state: "queued", total: 249, done: 0, scope: "acme/vision" });
    const done = await finished(job);
    expect(done).toMatchObject({ state: "succeeded", done: 249, result: { deleted: 249, skipped: 0, bytesFreed: preview.bytesFreed } });
    expect((await listVersions(w.ctx, w.ns, "ckpt", {})).items.map((v) => v.version)).toEqual(["v249"]);

    const early = await collectGarbage(w.ctx);
    expect(early).toMatchObject({ blobsDeleted: 0, blobsPending: 249, bytesPending: preview.bytesFreed });
    w.clock.now += 2 * 60 * 60 * 1000;
    expect(await collectGarbage(w.ctx)).toMatchObject({ blobsDeleted: 249, bytesFreed: preview.bytesFreed, blobsPending: 0 });
  });

  it("ends a batch after ~20 ms of deleting, however few versions it holds, and yields before the next", async () => {
    for (let i = 0; i < 5; i++) await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", `w-${i}`)] });
    // A slow machine: every deletion seems to take 30 ms, so each batch holds one version.
    const ids = await candidateIds("m");
    expect(ids).toHaveLength(4);
    let clock = 0;
    const now = vi.spyOn(performance, "now").mockImplementation(() => (clock += 30));
    const { reports, progress } = fakeProgress();
    const outcome = await cleanupJob.run(w.ctx, { since: w.ctx.now(), actor: "ada", bytesFreed: 0, collections: [["m", ids]] }, progress);
    now.mockRestore();
    expect(reports.map((r) => r.done)).toEqual([1, 2, 3, 4]);
    expect(reports.at(-1)?.partial).toEqual({ deleted: 4, skipped: 0 });
    expect(outcome).toEqual({ deleted: 4, skipped: 0, bytesFreed: 0 });
  });

  it("resumes a job taken over from a dead instance at its last report, with its tally", async () => {
    for (let i = 0; i < 5; i++) await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "w", `w-${i}`)] });
    const ids = await candidateIds("m");
    // The dead instance deleted the first two and reported them; the third was deleted but not reported.
    const { progress: first } = fakeProgress();
    await cleanupJob.run(w.ctx, { since: w.ctx.now(), actor: "ada", bytesFreed: 0, collections: [["m", ids.slice(0, 3)]] }, first);
    const { reports, progress } = fakeProgress({ done: 2, partial: { deleted: 2, skipped: 0 } });
    const outcome = await cleanupJob.run(w.ctx, { since: w.ctx.now(), actor: "ada", bytesFreed: 9, collections: [["m", ids]] }, progress);
    expect(outcome).toEqual({ deleted: 3, skipped: 1, bytesFreed: 9 });
    expect(reports.at(-1)).toEqual({ done: 4, partial: { deleted: 3, skipped: 1 } });
    expect((await listVersions(w.ctx, w.ns, "m", {})).items.map((v) => v.version)).toEqual(["v4"]);
  });

  it("refuses when the selection changed since the preview, and skips versions that gained an alias", async () => {
    for (let i = 0; i < 3; i++) await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "f", `${i}`)] });
    await expect(startCleanup(w.ctx, w.ns, { collection: "m" }, criteria, 5, "ada")).rejects.toThrow(
      "the selection changed since the preview: it is now 2 versions, not 5. Nothing was deleted; preview again before deleting.",
    );
    const release = await holdRunner();
    const job = await startCleanup(w.ctx, w.ns, { collection: "m" }, criteria, 2, "ada");
    // Lands between the start and the first batch: the job re-checks aliases in each batch.
    await updateVersion(w.ctx, w.ns, "m", "v0", { aliases: { add: ["keep-me"] }, replaceMetadata: false }, "bob");
    release();
    expect((await finished(job)).result).toMatchObject({ deleted: 1, skipped: 1 });
    expect((await listVersions(w.ctx, w.ns, "m", {})).items.map((v) => v.version)).toEqual(["v2", "v0"]);
    await expect(getCleanupJob(w.ctx, { ...w.ns, id: "nope" })).rejects.toThrow("job nope is unknown");
    // Another project's cleanup is unknown here, though the id exists.
    await expect(getCleanupJob(w.ctx, { entity: "acme", project: "other", id: job.id })).rejects.toThrow(`job ${job.id} is unknown`);
  });

  it("skips a version that a run used after the cleanup started", async () => {
    for (let i = 0; i < 3; i++) await logArtifact(w.ctx, w.ns, "m", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "f", `${i}`)] });
    const run = await makeRun(w);
    w.clock.now += 1000;
    const release = await holdRunner();
    const job = await startCleanup(w.ctx, w.ns, { collection: "m" }, criteria, 2, "ada");
    // Lands between the start and the first batch, as a run on another instance would: the batch re-checks uses too.
    await useArtifact(w.ctx, w.ns, { runId: run.id, ref: "m:v0" });
    release();
    expect((await finished(job)).result).toMatchObject({ deleted: 1, skipped: 1 });
    expect((await listVersions(w.ctx, w.ns, "m", {})).items.map((v) => v.version)).toEqual(["v2", "v0"]);
  });
});
