import fs from "node:fs";
import path from "node:path";
import { countProjects } from "@/db/queries/admin";
import { getConfig, getServiceContext } from "./context";
import { MULTIPART_TTL_MS } from "./services/blobs/signed-urls";
import { sweepSpool } from "./services/blobs/store-unnamed";
import { startJobRunner } from "./services/jobs/kinds";
import { indexRecentTables } from "./services/tables/warm";
import { startLoopMonitor } from "./workers/loop-monitor";

const holder = globalThis as typeof globalThis & { __arcaBoot?: Promise<void> };

/** Migrates the database and, in a new data dir, seeds the demo project (ARCA_DEMO=0 skips it). Runs once per process. */
export function bootServer(): Promise<void> {
  return (holder.__arcaBoot ??= boot());
}

/** Requests wait for start-up to finish, so nobody sees a half-seeded demo. */
export function whenReady(): Promise<void> {
  return holder.__arcaBoot ?? Promise.resolve();
}

/**
 * Temp files of uploads killed mid-way (blobs/tmp/) that nobody wrote to for this long are removed
 * at start. Not all of them: a second process on the same data dir may be receiving an upload
 * right now, and an upload in progress touches its temp file with every write.
 * Staged W&B multipart parts are kept longer: written once, they wait for the upload's other parts
 * and its completion, which may come (to any instance) for as long as the upload id is valid.
 */
export const STALE_UPLOAD_MS = 10 * 60_000;

async function boot(): Promise<void> {
  const config = getConfig();
  const ctx = getServiceContext();
  startLoopMonitor();
  try {
    // sweepSpool: the data dir's spool of single-request W&B uploads (services/blobs/store-unnamed.ts).
    const removed = (await ctx.blobs.sweepTemp(STALE_UPLOAD_MS, { stagedOlderThanMs: MULTIPART_TTL_MS })) + sweepSpool(config.dataDir, STALE_UPLOAD_MS, Date.now());
    if (removed > 0) console.log(`[arca] removed ${removed} temp file(s) of interrupted uploads`);
  } catch (error) {
    // A read-only data dir still serves reads; the write that fails will say why.
    console.error("[arca] could not sweep the leftovers of interrupted uploads", error);
  }
  startJobRunner(ctx);
  await indexRecentTables(ctx);
  const marker = path.join(/*turbopackIgnore: true*/ config.dataDir, ".demo-seeded");
  if (!config.demo || fs.existsSync(marker)) return;
  // Several instances may start together on one PostgreSQL database: one seeds, the others then find projects.
  await ctx.sql.withLock("arca demo seed", async () => {
    if ((await countProjects(ctx)) > 0) return;
    const started = Date.now();
    const { seedDemo } = await import("./demo/seed");
    await seedDemo(ctx);
    console.log(`[arca] seeded the demo project in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  fs.writeFileSync(marker, new Date().toISOString());
}
