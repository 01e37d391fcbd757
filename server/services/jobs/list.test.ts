import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../../testing/factory";
import { listJobs } from "./list";
import { enqueueJob } from "./queue";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

it("lists every job newest first, a keyset page at a time, without its input", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    // Kinds no runner serves: they stay queued, as jobs waiting for an instance do.
    ids.push((await enqueueJob(w.ctx, { kind: `test-${i % 2}`, scope: i === 0 ? "acme/vision" : null, input: { big: "x".repeat(1000) }, total: i })).id);
    w.clock.now += i === 2 ? 0 : 1000; // two jobs share a timestamp: the id breaks the tie
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listJobs>> = await listJobs(w.ctx, { cursor, limit: 2 });
    expect(page.items.length).toBeLessThanOrEqual(2);
    for (const job of page.items) expect(job).not.toHaveProperty("input");
    seen.push(...page.items.map((j) => j.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(5);
  expect(seen[0]).toBe(ids[4]);
  expect(new Set(seen.slice(1, 3))).toEqual(new Set([ids[2], ids[3]])); // same time: by id, across the page break
  expect(seen.at(-1)).toBe(ids[0]);
  const first = (await listJobs(w.ctx, { limit: 50 })).items.at(-1);
  expect(first).toMatchObject({ kind: "test-0", scope: "acme/vision", state: "queued", owner: null, total: 0 });
  await expect(listJobs(w.ctx, { cursor: "nope", limit: 2 })).rejects.toThrow("invalid cursor");
});
