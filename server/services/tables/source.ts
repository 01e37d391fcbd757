import { createHash } from "node:crypto";
import path from "node:path";
import { listEntriesInRange, listTableEntries, type TableEntryRow } from "@/db/queries/tables";
import { NotFoundError, PayloadTooLargeError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { formatBytes } from "@/lib/units";
import { getEntry } from "../artifacts/read";
import { resolveVersion } from "../artifacts/resolve";
import { readBlob } from "../blobs/blobs";
import type { Namespace } from "../schemas";
import { naturalCompare, PARTITIONED_SUFFIX, TABLE_SUFFIX, tableKindOf, type TableKind } from "./format";
import type { TableLimits } from "./limits";

/** Bump when the index layout changes: old index files are then simply not found and rebuilt. */
export const INDEX_FORMAT = "arca-table-index-v1";

export interface TablePart {
  path: string;
  sha256: string;
  size: number;
}

/** A table of one version, resolved to its part files. */
export interface TableSource {
  path: string;
  kind: TableKind;
  parts: TablePart[];
  bytes: number;
  /** Content key of the index: the same ordered part bytes share one index across versions. */
  key: string;
  /** A joined table: the two tables and the key column of each (`parts` then holds both tables' parts). */
  join?: TableJoin;
}

export interface TableJoin {
  left: TableSource;
  right: TableSource;
  leftKey: string;
  rightKey: string;
}

interface JoinSpec {
  table1: string;
  table2: string;
  leftKey: string;
  rightKey: string;
}

export interface TableRef extends Namespace {
  name: string;
  version: string;
  path: string;
}

export async function readBlobText(ctx: ServiceContext, sha256: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await readBlob(ctx, sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function requireStored(entry: TableEntryRow, label: string): TablePart {
  if (!entry.blobSha256) throw new ValidationError(`${label} ${JSON.stringify(entry.path)} is a reference; Arca can only show tables whose files it stores`);
  return { path: entry.path, sha256: entry.blobSha256, size: entry.size };
}

// Committed versions never change their files, so their part lists are cached (every page request
// resolves its table: without this, each page re-read the partitioned-table file and its entries).
const holder = globalThis as typeof globalThis & { __arcaTableSources?: Map<string, TablePart[]> };
const sourceCache = (holder.__arcaTableSources ??= new Map());
const joinCache = new Map<string, JoinSpec>();
const MAX_CACHED_SOURCES = 256;

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.set(key, value);
  if (cache.size > MAX_CACHED_SOURCES) cache.delete(cache.keys().next().value!);
}

/** Resolves `ref.path` in the version to the ordered list of part files, checking the limits. */
export async function resolveTableSource(ctx: ServiceContext, ref: TableRef, limits: TableLimits): Promise<TableSource> {
  if (tableKindOf(ref.path) === "joined") return resolveJoinSource(ctx, ref, limits);
  const { version } = await resolveVersion(ctx, ref, ref.name, ref.version);
  const cacheKey = `${ctx.dataDir}\n${version.id}\n${ref.path}`;
  const cached = version.state === "COMMITTED" ? sourceCache.get(cacheKey) : undefined;
  const parts = cached ?? (await readParts(ctx, version.id, ref));
  if (!cached && version.state === "COMMITTED") remember(sourceCache, cacheKey, parts);
  return checkLimits(ref, tableKindOf(ref.path)!, parts, limits);
}

/**
 * A joined table is the inner join of two tables of the same version on a key column of each (W&B's JoinedTable);
 * its index is keyed by both tables' contents and the keys (join.ts builds it).
 */
async function resolveJoinSource(ctx: ServiceContext, ref: TableRef, limits: TableLimits): Promise<TableSource> {
  const { version } = await resolveVersion(ctx, ref, ref.name, ref.version);
  const cacheKey = `${ctx.dataDir}\n${version.id}\n${ref.path}`;
  let spec = version.state === "COMMITTED" ? joinCache.get(cacheKey) : undefined;
  if (!spec) {
    const entry = await getEntry(ctx, version.id, ref.path);
    if (!entry) throw new NotFoundError(`${ref.name}:${ref.version} has no file ${JSON.stringify(ref.path)}`);
    spec = parseJoinSpec(await readBlobText(ctx, requireStored(entry, "joined table").sha256), ref.path);
    if (version.state === "COMMITTED") remember(joinCache, cacheKey, spec);
  }
  const side = async (path: string, which: string) => {
    if (tableKindOf(path) === "joined" || !tableKindOf(path)) {
      throw new ValidationError(`${ref.path}: ${which} ${JSON.stringify(path)} is not a table (${TABLE_SUFFIX} or ${PARTITIONED_SUFFIX})`);
    }
    return resolveTableSource(ctx, { ...ref, path }, limits);
  };
  const left = await side(spec.table1, "table1");
  const right = await side(spec.table2, "table2");
  const key = createHash("sha256")
    .update([INDEX_FORMAT, "join", left.key, right.key, spec.table1, spec.table2, spec.leftKey, spec.rightKey].join("\n"))
    .digest("hex");
  return {
    path: ref.path,
    kind: "joined",
    parts: [...left.parts, ...right.parts],
    bytes: left.bytes + right.bytes,
    key,
    join: { left, right, leftKey: spec.leftKey, rightKey: spec.rightKey },
  };
}

function parseJoinSpec(text: string, file: string): JoinSpec {
  let json: { table1?: unknown; table2?: unknown; join_key?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new ValidationError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const example = `e.g. {"_type":"joined-table","table1":"a${TABLE_SUFFIX}","table2":"b${TABLE_SUFFIX}","join_key":"id"}`;
  if (typeof json.table1 !== "string" || typeof json.table2 !== "string") throw new ValidationError(`${file} does not name "table1" and "table2": ${example}`);
  const keys = json.join_key;
  if (typeof keys === "string") return { table1: json.table1, table2: json.table2, leftKey: keys, rightKey: keys };
  if (Array.isArray(keys) && keys.length === 2 && keys.every((k) => typeof k === "string")) {
    return { table1: json.table1, table2: json.table2, leftKey: keys[0] as string, rightKey: keys[1] as string };
  }
  throw new ValidationError(`${file} has no valid "join_key": a column name, or a list of two (one per table); ${example}`);
}

async function readParts(ctx: ServiceContext, versionId: number, ref: TableRef): Promise<TablePart[]> {
  const kind = tableKindOf(ref.path);
  if (!kind) throw new ValidationError(`${JSON.stringify(ref.path)} is not a table: table files end in ${TABLE_SUFFIX} or ${PARTITIONED_SUFFIX}`);
  const entry = await getEntry(ctx, versionId, ref.path);
  if (!entry) throw new NotFoundError(`${ref.name}:${ref.version} has no file ${JSON.stringify(ref.path)}`);
  const file = requireStored(entry, "table");
  return kind === "table" ? [file] : listParts(ctx, versionId, file);
}

function checkLimits(ref: TableRef, kind: TableKind, parts: TablePart[], limits: TableLimits): TableSource {
  const bytes = parts.reduce((sum, p) => sum + p.size, 0);
  const tooBig = parts.find((p) => p.size > limits.maxPartBytes);
  if (tooBig) {
    throw new PayloadTooLargeError(
      `part ${tooBig.path} is ${formatBytes(tooBig.size)}, over the ${formatBytes(limits.maxPartBytes)} a part may have (ARCA_TABLE_MAX_PART_BYTES); split it into smaller parts`,
    );
  }
  if (bytes > limits.maxBytes) {
    throw new PayloadTooLargeError(`the table's parts hold ${formatBytes(bytes)}, over the configured limit of ${formatBytes(limits.maxBytes)} (ARCA_TABLE_MAX_BYTES)`);
  }
  const key = createHash("sha256").update([INDEX_FORMAT, ...parts.map((p) => p.sha256)].join("\n")).digest("hex");
  return { path: ref.path, kind, parts, bytes, key };
}

/**
 * W&B's PartitionedTable lists every `*.table.json` whose path starts with `parts_path`
 * (relative to the artifact root), in natural order.
 */
async function listParts(ctx: ServiceContext, versionId: number, file: TablePart): Promise<TablePart[]> {
  let partsPath: unknown;
  try {
    partsPath = (JSON.parse(await readBlobText(ctx, file.sha256)) as { parts_path?: unknown }).parts_path;
  } catch (error) {
    throw new ValidationError(`${file.path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof partsPath !== "string" || partsPath === "") {
    throw new ValidationError(`${file.path} has no "parts_path": a partitioned table names the folder of its parts, e.g. {"_type":"partitioned-table","parts_path":"parts"}`);
  }
  const prefix = `${path.posix.normalize(partsPath).replace(/^\.\/|\/+$/g, "")}/`;
  const rows = (await listEntriesInRange(ctx, versionId, { lo: prefix, hi: `${prefix}\u{10FFFF}` })).filter((e) => e.path.endsWith(TABLE_SUFFIX));
  if (rows.length === 0) throw new ValidationError(`${file.path} points to "${partsPath}", but the version has no ${TABLE_SUFFIX} files under ${prefix}`);
  return rows.map((e) => requireStored(e, "part")).sort((a, b) => naturalCompare(a.path, b.path));
}

export interface VersionTable {
  path: string;
  kind: TableKind;
  /** Joined tables: the two tables they join. */
  joins?: [string, string];
  size: number;
  /** Partitioned tables: how many parts; their parts are not listed separately. */
  parts?: number;
}

/** The tables of a version: partitioned tables with their part count, and standalone tables. */
export async function listVersionTables(ctx: ServiceContext, ns: Namespace, name: string, selector: string): Promise<VersionTable[]> {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  const files = await listTableEntries(ctx, version.id);
  const partitioned: VersionTable[] = [];
  const inParts = new Set<string>();
  for (const f of files.filter((e) => tableKindOf(e.path) === "partitioned" && e.blobSha256)) {
    const parts = await listParts(ctx, version.id, requireStored(f, "table")).catch(() => []);
    parts.forEach((p) => inParts.add(p.path));
    partitioned.push({ path: f.path, kind: "partitioned", size: parts.reduce((sum, p) => sum + p.size, 0), parts: parts.length });
  }
  const joined: VersionTable[] = [];
  for (const f of files.filter((e) => tableKindOf(e.path) === "joined" && e.blobSha256)) {
    const spec = await readBlobText(ctx, f.blobSha256!).then((text) => parseJoinSpec(text, f.path)).catch(() => null);
    joined.push({ path: f.path, kind: "joined", size: f.size, ...(spec ? { joins: [spec.table1, spec.table2] as [string, string] } : {}) });
  }
  const single = files.filter((e) => tableKindOf(e.path) === "table" && !inParts.has(e.path)).map((e) => ({ path: e.path, kind: "table" as const, size: e.size }));
  return [...partitioned, ...joined, ...single];
}
