import { findBlobs } from "@/db/queries/blobs";
import { listEntryPage, type EntryRow } from "@/db/queries/entries";
import { DigestMismatchError, PreconditionFailedError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { EntryInput } from "../schemas";
import { createPacer } from "../../workers/pace";
import { precheckRange, type PrecheckedEntries, type PrecheckedEntry } from "./manifest-input";

/** A checked manifest entry, ready to be stored: a file (blobSha256 set) or a reference (ref set). */
export type ManifestEntry = EntryRow;

/**
 * A commit's entries: as a caller holds them, or already checked as far as no database is needed
 * (a large HTTP body, checked in a worker thread: server/http/commit-body.ts).
 */
export type Entries = EntryInput[] | PrecheckedEntries;
export type WithEntries<T extends { entries: EntryInput[] }> = Omit<T, "entries"> & { entries: Entries };

/** Blobs looked up per query: well under every database's parameter limit, a millisecond or two each. */
const BLOB_BATCH = 500;
/** Entries read per query when a whole version is loaded. */
const LOAD_PAGE = 5000;

/**
 * Checks entries before anything is stored: paths, duplicates, reference schemes, and that every
 * file's blob was uploaded with the size and MD5 the entry declares. The first bad entry in manifest
 * order decides the error. Blobs are looked up 500 at a time, and the loop lets the event loop turn
 * between slices (a 200,000-entry commit must not stop other requests).
 */
export async function checkEntries(ctx: ServiceContext, inputs: Entries): Promise<ManifestEntry[]> {
  const { entries, problem } = Array.isArray(inputs) ? await precheck(inputs) : inputs;
  const pace = createPacer();
  const out: ManifestEntry[] = [];
  for (let start = 0; start < entries.length; start += BLOB_BATCH) {
    const batch = entries.slice(start, start + BLOB_BATCH);
    const blobs = await findBlobs(ctx, [...new Set(batch.flatMap((e) => (e.blobSha256 === null ? [] : [e.blobSha256])))]);
    for (const entry of batch) out.push(withBlob(entry, blobs));
    await pace();
  }
  if (problem) throw new ValidationError(problem.message);
  return out;
}

/** The database-free checks on this thread, a slice at a time. */
async function precheck(inputs: EntryInput[]): Promise<PrecheckedEntries> {
  const pace = createPacer();
  const seen = new Set<string>();
  const entries: PrecheckedEntry[] = [];
  for (let start = 0; start < inputs.length; start += 256) {
    const problem = precheckRange(inputs, { start, end: Math.min(inputs.length, start + 256), seen, into: entries });
    if (problem) return { entries, problem };
    await pace();
  }
  return { entries, problem: null };
}

/**
 * The entry as stored: a reference as it is, a file with its blob's MD5 as digest. Filled in place, not
 * copied: 200,000 fewer objects on the main thread (their young-generation GC pauses were 20-150 ms).
 */
function withBlob(entry: PrecheckedEntry, blobs: Map<string, { size: number; md5: string }>): ManifestEntry {
  const sha256 = entry.blobSha256;
  if (sha256 === null) return entry as ManifestEntry; // a reference: its digest was required
  const blob = blobs.get(sha256);
  if (!blob) {
    throw new PreconditionFailedError(`the file for ${JSON.stringify(entry.path)} (sha256 ${sha256}) was not uploaded: PUT /api/v1/blobs/${sha256} first`);
  }
  if (blob.size !== entry.size || (entry.digest !== null && blob.md5 !== entry.digest)) {
    throw new DigestMismatchError(
      `entry ${JSON.stringify(entry.path)} declares size ${entry.size} and digest ${entry.digest ?? "(none)"}, but blob ${sha256} has size ${blob.size} and digest ${blob.md5}`,
    );
  }
  entry.digest = blob.md5;
  return entry as ManifestEntry;
}

/** A version's entries in path order, read a page at a time with a turn of the event loop between pages. */
export async function loadEntries(ctx: ServiceContext, versionId: number): Promise<ManifestEntry[]> {
  const pace = createPacer();
  const out: ManifestEntry[] = [];
  for (let after = ""; ; ) {
    const page = await listEntryPage(ctx, { versionId, after, prefix: "", limit: LOAD_PAGE });
    for (const e of page) out.push(e);
    if (page.length < LOAD_PAGE) return out;
    after = page.at(-1)!.path;
    await pace();
  }
}

export function totalsOf(list: ManifestEntry[]): { size: number; fileCount: number } {
  return { size: list.reduce((sum, e) => sum + e.size, 0), fileCount: list.length };
}

/** Whether a commit brings any entry (a bad one counts: the commit then fails on it). */
export function hasEntries(entries: Entries): boolean {
  return Array.isArray(entries) ? entries.length > 0 : entries.entries.length > 0 || entries.problem !== null;
}

/** Entries by path, built a slice at a time (a whole 200,000-entry version may be merged into). */
export async function byPath(list: readonly ManifestEntry[]): Promise<Map<string, ManifestEntry>> {
  const pace = createPacer();
  const map = new Map<string, ManifestEntry>();
  for (let i = 0; i < list.length; i++) {
    map.set(list[i]!.path, list[i]!);
    if ((i & 1023) === 1023) await pace();
  }
  return map;
}
