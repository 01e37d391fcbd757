import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { openDb, openPostgres } from "@/db/client";
import type { Database } from "@/db/sql/sql";
import { ConflictError } from "../../errors";
import { createTestSchema } from "../../testing/postgres";
import { enqueueJob, enqueueOnce, getJobStatus, JobRunner, waitForJob, type JobStatus } from "./queue";

type Ctx = { sql: Database; now: () => number };

// Two instances on one database: two handles (PostgreSQL: two pools) and a runner on each. SQLite serves
// one instance, so there both runners share the one handle: the claim must still hand each job to one.
const postgresUrl = inject("postgresUrl");
const databases: { name: string; skip?: string; open: () => Promise<{ a: Ctx; b: Ctx; done: () => Promise<void> }> }[] = [
  {
    name: "sqlite",
    open: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-jobs-"));
      const { sql } = openDb(path.join(dir, "arca.sqlite"));
      const ctx = { sql, now: Date.now };
      return Promise.resolve({ a: ctx, b: { ...ctx }, done: async () => (await sql.close(), fs.rmSync(dir, { recursive: true, force: true })) });
    },
  },
  {
    name: "postgres",
    skip: postgresUrl ? undefined : "no PostgreSQL for this run (server/testing/postgres.ts says how to get one)",
    open: async () => {
      const schema = await createTestSchema(postgresUrl!);
      const [a, b] = [openPostgres(schema.url), openPostgres(schema.url)];
      await Promise.all([a.ready(), b.ready()]);
      return {
        a: { sql: a, now: Date.now },
        b: { sql: b, now: Date.now },
        done: async () => (await Promise.all([a.close(), b.close()]), await schema.drop()),
      };
    },
  },
];

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const database of databases) {
  describe.skipIf(database.skip)(`jobs on ${database.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function twoInstances() {
      const { a, b, done } = await database.open();
      cleanups.push(done);
      return { a, b };
    }
    function runner(ctx: Ctx, options: ConstructorParameters<typeof JobRunner>[1] = {}) {
      const r = new JobRunner(ctx, { pollMs: 20, ...options });
      cleanups.push(() => r.stop());
      return r;
    }

    it("gives each of 30 jobs to exactly one of two runners, and either instance reads the outcome", async () => {
      const { a, b } = await twoInstances();
      const ranBy = new Map<string, string[]>();
      const handler = (who: string) => async (_ctx: Ctx, input: { n: number }) => {
        await new Promise((r) => setTimeout(r, 2));
        ranBy.set(String(input.n), [...(ranBy.get(String(input.n)) ?? []), who]);
        return { square: input.n * input.n };
      };
      const jobs: JobStatus[] = [];
      for (let n = 0; n < 30; n++) jobs.push(await enqueueJob(n % 2 ? a : b, { kind: "square", input: { n }, total: 1 }));
      runner(a, { owner: "A" }).handle("square", handler("A")).start();
      runner(b, { owner: "B" }).handle("square", handler("B")).start();

      for (const [n, job] of jobs.entries()) {
        const reader = n % 3 ? a : b;
        const status = await until(() => getJobStatus<{ square: number }>(reader, { id: job.id, kind: "square" }), (s) => s.state === "succeeded");
        expect(status).toMatchObject({ done: 1, total: 1, result: { square: n * n }, error: null, owner: ranBy.get(String(n))![0] });
      }
      expect([...ranBy.values()].map((who) => who.length)).toEqual(Array.from({ length: 30 }, () => 1));
      expect(ranBy.size).toBe(30);
    });

    it("shows a running job's progress from the other instance", async () => {
      const { a, b } = await twoInstances();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      runner(a)
        .handle("slow", async (_ctx, _input: null, progress) => {
          progress.report(3);
          await new Promise((r) => setTimeout(r, 600)); // past the flush interval, so the next report is written
          progress.report(5);
          await gate;
          return "ok";
        })
        .start();
      const job = await enqueueJob(a, { kind: "slow", input: null, total: 10 });
      const running = await until(() => getJobStatus(b, { id: job.id, kind: "slow" }), (s) => s.done === 5);
      expect(running).toMatchObject({ state: "running", total: 10, finishedAt: null });
      release();
      expect(await until(() => getJobStatus(b, { id: job.id, kind: "slow" }), (s) => s.state === "succeeded")).toMatchObject({ done: 10, result: "ok" });
      await expect(getJobStatus(b, { id: job.id, kind: "other" })).rejects.toThrow(/unknown/);
    });

    it("hands a job whose instance died to another once its heartbeat is stale, and the first may not finish it", async () => {
      const { a, b } = await twoInstances();
      let firstStarted!: () => void;
      const started = new Promise<void>((r) => (firstStarted = r));
      const dying = runner(a, { owner: "A", staleMs: 400 }).handle("resumable", async (_ctx, _input: null, progress) => {
        progress.report(3, { sum: 6 });
        await until(() => getJobStatus(a, { id: job.id, kind: "resumable" }), (s) => s.done === 3); // the heartbeat saved it
        firstStarted();
        await new Promise<void>((resolve) => progress.signal.addEventListener("abort", () => resolve()));
        return "A";
      });
      dying.start();
      const job = await enqueueJob(a, { kind: "resumable", input: null, total: 10 });
      await started;
      await dying.stop(); // the instance dies mid-job: its row stays "running" under A, its heartbeat stops

      runner(b, { owner: "B", staleMs: 400 })
        .handle("resumable", (_ctx, _input: null, progress) => Promise.resolve({ by: "B", resumed: progress.resumed }))
        .start();
      const status = await until(() => getJobStatus(b, { id: job.id, kind: "resumable" }), (s) => s.state === "succeeded");
      // B resumes where A's last heartbeat left it: its progress and its tally.
      expect(status).toMatchObject({ owner: "B", result: { by: "B", resumed: { done: 3, partial: { sum: 6 } } } });
    });

    it("runs one job of a kind at a time across instances when asked to (enqueueOnce), and a waiter gets its result or its error", async () => {
      const { a, b } = await twoInstances();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let runs = 0;
      runner(a)
        .handle("gc", async () => (runs++, await gate, { freed: 7 }))
        .handle("refused", () => Promise.reject(new ConflictError("a key rotation is running")))
        .start();
      const [first, second] = await Promise.all([enqueueOnce(a, { kind: "gc", input: null, total: 0 }), enqueueOnce(b, { kind: "gc", input: null, total: 0 })]);
      expect(second.id).toBe(first.id);
      expect([first.joined, second.joined].sort()).toEqual([false, true]);
      const waiting = waitForJob(b, { id: first.id, kind: "gc", pollMs: 10 });
      release();
      expect(await waiting).toEqual({ freed: 7 });
      expect(runs).toBe(1);
      // Finished, it no longer absorbs new requests.
      expect((await enqueueOnce(b, { kind: "gc", input: null, total: 0 })).id).not.toBe(first.id);

      const refused = await enqueueJob(a, { kind: "refused", input: null, total: 0 });
      const error = await waitForJob(b, { id: refused.id, kind: "refused", pollMs: 10 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "CONFLICT", message: "a key rotation is running" });
    });

    it("records a failure in words: the domain error's message, or that the log has the details", async () => {
      const { a } = await twoInstances();
      runner(a)
        .handle("refused", () => Promise.reject(new ConflictError("version v3 gained an alias since the preview")))
        .handle("broken", () => Promise.reject(new Error("undefined is not a function")))
        .start();
      const refused = await enqueueJob(a, { kind: "refused", input: null, total: 1 });
      const broken = await enqueueJob(a, { kind: "broken", input: null, total: 1 });
      const errorLog = console.error;
      console.error = () => undefined;
      try {
        expect(await until(() => getJobStatus(a, { id: refused.id, kind: "refused" }), (s) => s.state === "failed")).toMatchObject({
          error: "version v3 gained an alias since the preview",
        });
        expect((await until(() => getJobStatus(a, { id: broken.id, kind: "broken" }), (s) => s.state === "failed")).error).toMatch(/internal error/);
      } finally {
        console.error = errorLog;
      }
    });
  });
}
