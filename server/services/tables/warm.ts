import { findVersionName, isOpen, listRecentVersionsWithTables } from "@/db/queries/tables";
import type { ServiceContext } from "../../context";
import { isDomainError } from "../../errors";
import { tableKindOf } from "./format";
import { ensureIndexed } from "./registry";
import { listVersionTables } from "./source";

/**
 * Tables are indexed when the version that holds them is committed, in the background, so the first
 * open of the grid finds the index ready. One version at a time, one table at a time: the builds run
 * in worker threads (server/workers/sqlite.ts), and a queue of one keeps them from taking every core
 * from the request path. Opening a table still builds its index when it is missing (the queue is in
 * memory: a restart drops it, and start-up queues the versions of the last day again).
 */
interface Warmer {
  queue: { ctx: ServiceContext; versionId: number }[];
  running: boolean;
  idle: Promise<void>;
  settle: () => void;
}

const holder = globalThis as typeof globalThis & { __arcaTableWarmer?: Warmer };
const warmer = (holder.__arcaTableWarmer ??= { queue: [], running: false, idle: Promise.resolve(), settle: () => {} });

const RESTART_WINDOW_MS = 24 * 60 * 60 * 1000;
const RESTART_VERSIONS = 20;

/** ARCA_TABLE_INDEX_ON_COMMIT=0 turns background indexing off (tables are then indexed on first open). */
export function indexingOnCommit(env: Record<string, string | undefined> = process.env): boolean {
  return env.ARCA_TABLE_INDEX_ON_COMMIT !== "0";
}

/** Whether a commit's entries hold a table worth indexing ahead of its first open. */
export function holdsTables(paths: Iterable<string>): boolean {
  for (const p of paths) if (tableKindOf(p)) return true;
  return false;
}

/** Queues the tables of a version for indexing; call it after the commit's transaction (it is read then). */
export function indexTablesInBackground(ctx: ServiceContext, versionId: number): void {
  if (!indexingOnCommit()) return;
  warmer.queue.push({ ctx, versionId });
  if (!warmer.running) void drain();
}

/** Queues the versions with tables committed in the last day: what a restart may have left unindexed. */
export async function indexRecentTables(ctx: ServiceContext): Promise<void> {
  if (!indexingOnCommit()) return;
  for (const id of await listRecentVersionsWithTables(ctx, ctx.now() - RESTART_WINDOW_MS, RESTART_VERSIONS)) indexTablesInBackground(ctx, id);
}

/** Resolves when the queue is empty (tests). */
export function backgroundIndexingIdle(): Promise<void> {
  return warmer.idle;
}

async function drain(): Promise<void> {
  warmer.running = true;
  warmer.idle = new Promise((resolve) => (warmer.settle = resolve));
  try {
    for (let next = warmer.queue.shift(); next; next = warmer.queue.shift()) await indexVersionTables(next.ctx, next.versionId);
  } finally {
    warmer.running = false;
    warmer.settle();
  }
}

/** Builds the missing indexes of a committed version's tables. A table that cannot be indexed is left for its page to explain. */
export async function indexVersionTables(ctx: ServiceContext, versionId: number): Promise<string[]> {
  const indexed: string[] = [];
  try {
    if (!isOpen(ctx)) return indexed;
    const version = await findVersionName(ctx, versionId);
    if (!version || version.state !== "COMMITTED" || version.versionIndex === null) return indexed;
    const ns = { entity: version.entity, project: version.project };
    const selector = `v${version.versionIndex}`;
    for (const table of await listVersionTables(ctx, ns, version.name, selector)) {
      try {
        await ensureIndexed(ctx, { ...ns, name: version.name, version: selector, path: table.path });
        indexed.push(table.path);
      } catch (error) {
        // Malformed or over the limits: the table's page says so when opened. Anything else is worth a log line.
        if (!isDomainError(error)) console.error(`[arca] indexing ${table.path} of ${version.name}:${selector} in the background failed`, error);
      }
    }
  } catch (error) {
    if (!isDomainError(error) && isOpen(ctx)) console.error(`[arca] background indexing of version ${versionId} failed`, error);
  }
  return indexed;
}
