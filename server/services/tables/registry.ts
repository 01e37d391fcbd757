import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { ServiceContext } from "../../context";
import { buildIndex, type BuildProgress, type IndexMeta } from "./build";
import { buildJoinIndex } from "./join";
import { readTableLimits, type TableLimits } from "./limits";
import { resolveTableSource, type TableRef, type TableSource } from "./source";

export type { TableRef };

/**
 * Index files live beside the database (`<dataDir>/tables/<key>.sqlite`): a cache keyed by the
 * part contents, so it can be deleted any time and is shared by every version with those parts.
 */
export function tablesDir(ctx: ServiceContext): string {
  return path.join(ctx.dataDir, "tables");
}

interface Build {
  progress: BuildProgress;
  error?: unknown;
  done: Promise<void>;
}

export interface OpenIndex {
  key: string;
  db: Database.Database;
  meta: IndexMeta;
}

interface Registry {
  builds: Map<string, Build>;
  open: Map<string, OpenIndex>;
}

// One registry per process (Next bundles services more than once): a build runs once however
// many requests open the table while it runs.
const holder = globalThis as typeof globalThis & { __arcaTables?: Registry };
const registry = (holder.__arcaTables ??= { builds: new Map(), open: new Map() });

const MAX_OPEN = 8;

export type TableStatus =
  | { state: "building"; progress: BuildProgress; done: Promise<void> }
  | { state: "ready"; index: OpenIndex; source: TableSource };

/**
 * Opens a table's index, starting its build on first open. A failed build keeps its error
 * (the parts are immutable, so it would fail again) until the process restarts.
 */
export async function openTable(ctx: ServiceContext, ref: TableRef, limits: TableLimits = readTableLimits()): Promise<TableStatus> {
  const source = await resolveTableSource(ctx, ref, limits);
  const file = indexFile(ctx, source.key);
  const ready = openIndex(file, source.key);
  if (ready) return { state: "ready", index: ready, source };
  const build = registry.builds.get(file) ?? startBuild(ctx, ref, source, file, limits);
  if (build.error) throw build.error;
  return { state: "building", progress: build.progress, done: build.done };
}

/** Waits for the build (tests, benchmarks, and the post-commit warm-up). */
export async function openTableWhenReady(ctx: ServiceContext, ref: TableRef, limits?: TableLimits): Promise<Extract<TableStatus, { state: "ready" }>> {
  for (;;) {
    const status = await openTable(ctx, ref, limits);
    if (status.state === "ready") return status;
    await status.done;
  }
}

/**
 * Makes sure the table's index exists, building it if not, without opening it (background indexing after a
 * commit: it must not take the open handles that readers use).
 */
export async function ensureIndexed(ctx: ServiceContext, ref: TableRef, limits: TableLimits = readTableLimits()): Promise<void> {
  const source = await resolveTableSource(ctx, ref, limits);
  const file = indexFile(ctx, source.key);
  if (registry.open.has(file) || fs.existsSync(file)) return;
  const build = registry.builds.get(file) ?? startBuild(ctx, ref, source, file, limits);
  await build.done;
  if (build.error) throw build.error;
}

function startBuild(ctx: ServiceContext, ref: TableRef, source: TableSource, file: string, limits: TableLimits): Build {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const build: Build = {
    progress: { partsDone: 0, partsTotal: source.parts.length, rows: 0, bytesDone: 0, bytesTotal: source.bytes },
    done: Promise.resolve(),
  };
  const onProgress = (p: BuildProgress) => (build.progress = p);
  const run = source.join ? buildJoin(ctx, ref, source, file, limits, onProgress) : buildIndex(ctx, source, file, limits, onProgress);
  build.done = run.then(
    () => void registry.builds.delete(file),
    (error: unknown) => void (build.error = error),
  );
  registry.builds.set(file, build);
  return build;
}

/** A joined table's two tables are indexed first (or found indexed), then joined into an index of its own. */
async function buildJoin(ctx: ServiceContext, ref: TableRef, source: TableSource, file: string, limits: TableLimits, onProgress: (p: BuildProgress) => void) {
  const join = source.join!;
  const side = async (path: string) => {
    const ready = await openTableWhenReady(ctx, { ...ref, path }, limits);
    return { file: indexFile(ctx, ready.index.key), meta: ready.index.meta };
  };
  return buildJoinIndex(source, file, limits, { left: await side(join.left.path), right: await side(join.right.path) }, onProgress);
}

function indexFile(ctx: ServiceContext, key: string): string {
  return path.join(tablesDir(ctx), `${key}.sqlite`);
}

/** Handles are kept open (LRU) and keyed by file, so separate data dirs (tests) never share one. */
function openIndex(file: string, key: string): OpenIndex | null {
  const cached = registry.open.get(file);
  if (cached?.db.open) {
    registry.open.delete(file);
    registry.open.set(file, cached);
    return cached;
  }
  if (!fs.existsSync(file)) return null;
  const db = new Database(file);
  // Worker threads add column, sort and filter tables to the file (query.ts) while this connection reads
  // pages: in WAL mode a reader never waits for them. (Indexes built since are WAL already; older ones switch here.)
  db.pragma("journal_mode = WAL");
  db.pragma("temp_store = MEMORY");
  const row = db.prepare<[], { v: string }>("select v from meta where k = 'meta'").get();
  const index: OpenIndex = { key, db, meta: JSON.parse(row!.v) as IndexMeta };
  registry.open.set(file, index);
  while (registry.open.size > MAX_OPEN) {
    const [oldest, entry] = registry.open.entries().next().value!;
    registry.open.delete(oldest);
    entry.db.close();
  }
  return index;
}
