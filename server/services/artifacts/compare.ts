import { changePageSql, isChangeFilter, listChangedEntries, summarizeEntriesOfA, summarizeEntriesOnlyInB, type ChangeFilter, type ChangeRow } from "@/db/queries/compare";
import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";
import { loadVersionDto, type VersionDto } from "./dto";
import { diffMetadata, type MetadataChange } from "./metadata-diff";
import type { Page } from "./read";
import { resolveVersion, type ResolvedVersion } from "./resolve";

export type ChangeKind = "added" | "removed" | "changed";
export type { ChangeFilter };

/** A version as the compare view shows it: its description and metadata travel in the diffs instead. */
export type CompareVersion = Omit<VersionDto, "metadata" | "description">;

export interface CompareSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Bytes of files only in B / only in A. */
  addedBytes: number;
  removedBytes: number;
  /** Sum of (size in B − size in A) over changed files. */
  changedBytesDelta: number;
  /** B's total size − A's total size. */
  sizeDelta: number;
}

export interface VersionComparison {
  /** The older of the two (the base), then the newer. */
  a: CompareVersion;
  b: CompareVersion;
  /** The versions were asked for newer first and were put in order. */
  swapped: boolean;
  /** Same manifest digest: no file differs, whatever the summary would count. */
  sameContents: boolean;
  summary: CompareSummary;
  metadata: MetadataChange[];
  description: { before: string; after: string; changed: boolean };
}

interface EntrySide {
  digest: string;
  size: number;
  ref: string | null;
}

export interface FileChange {
  path: string;
  kind: ChangeKind;
  before: EntrySide | null;
  after: EntrySide | null;
}

function stripBodies(dto: VersionDto): CompareVersion {
  const { metadata: _m, description: _d, ...rest } = dto;
  return rest;
}

/**
 * The two versions, older first whatever order they were asked in: the older one is always the base
 * ("before"), so a diff reads as what changed since. Committed versions are ordered by number; a draft
 * (no number yet) by creation time, then id.
 */
export async function resolvePair(ctx: ServiceContext, ns: Namespace, name: string, a: string, b: string): Promise<[ResolvedVersion, ResolvedVersion, boolean]> {
  const ra = await resolveVersion(ctx, ns, name, a);
  const rb = await resolveVersion(ctx, ns, name, b);
  return isOlder(rb.version, ra.version) ? [rb, ra, true] : [ra, rb, false];
}

function isOlder(x: ResolvedVersion["version"], y: ResolvedVersion["version"]): boolean {
  if (x.versionIndex !== null && y.versionIndex !== null) return x.versionIndex < y.versionIndex;
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt;
  return x.id < y.id;
}

async function summarize(ctx: ServiceContext, a: number, b: number): Promise<Omit<CompareSummary, "sizeDelta">> {
  return { ...(await summarizeEntriesOfA(ctx, a, b)), ...(await summarizeEntriesOnlyInB(ctx, a, b)) };
}

export async function compareVersions(ctx: ServiceContext, ns: Namespace, name: string, a: string, b: string): Promise<VersionComparison> {
  const [ra, rb, swapped] = await resolvePair(ctx, ns, name, a, b);
  const da = await loadVersionDto(ctx, ra.version.id);
  const db = await loadVersionDto(ctx, rb.version.id);
  const sameContents = da.digest !== null && da.digest === db.digest;
  const counts = sameContents
    ? { added: 0, removed: 0, changed: 0, unchanged: da.fileCount, addedBytes: 0, removedBytes: 0, changedBytesDelta: 0 }
    : await summarize(ctx, da.id, db.id);
  return {
    a: stripBodies(da),
    b: stripBodies(db),
    swapped,
    sameContents,
    summary: { ...counts, sizeDelta: db.size - da.size },
    metadata: diffMetadata(da.metadata, db.metadata),
    description: { before: da.description, after: db.description, changed: da.description !== db.description },
  };
}

export { changePageSql };

function toChange(r: ChangeRow): FileChange {
  const before = r.aDigest === null ? null : { digest: r.aDigest, size: r.aSize ?? 0, ref: r.aRef };
  const after = r.bDigest === null ? null : { digest: r.bDigest, size: r.bSize ?? 0, ref: r.bRef };
  return { path: r.path, kind: before === null ? "added" : after === null ? "removed" : "changed", before, after };
}

/** Changed files in path order, keyset-paged by path (the cursor is the last path seen). */
export async function listFileChanges(
  ctx: ServiceContext,
  ns: Namespace,
  name: string,
  a: string,
  b: string,
  opts: { filter?: ChangeFilter; cursor?: string | null; limit?: number },
): Promise<Page<FileChange>> {
  const [ra, rb] = await resolvePair(ctx, ns, name, a, b);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const filter = opts.filter ?? "all";
  if (!isChangeFilter(filter)) throw new ValidationError(`unknown change filter ${JSON.stringify(filter)}: use all, added, removed or changed`);
  if (ra.version.digest !== null && ra.version.digest === rb.version.digest) return { items: [], nextCursor: null };
  const rows = await listChangedEntries(ctx, { a: ra.version.id, b: rb.version.id, filter, after: opts.cursor ?? "", limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { items: page.map(toChange), nextCursor: rows.length > limit ? page[page.length - 1]!.path : null };
}
