import { checkEntryPath } from "../../../lib/names";
import { SHA256_PATTERN } from "../../storage/blob-store";
import type { EntryInput } from "../schemas";

/**
 * The checks of manifest entries that need no database: paths, duplicates, reference schemes, the
 * form of a SHA-256. Pure, so that a worker thread can run them on a large commit's body
 * (server/workers/task-list.ts) and the main thread on entries it already holds. Relative imports
 * only: the worker loads this file with tsx, outside Next's bundle.
 */

/**
 * An entry that passed the checks: a reference (ref set) or a file whose blob is still to be looked up
 * (blobSha256 set). The shape of a stored entry, so that the blob check fills it in rather than copies it.
 */
export interface PrecheckedEntry {
  path: string;
  /** Declared; for a file, the blob's MD5 must equal it (and fills it in when null). */
  digest: string | null;
  size: number;
  blobSha256: string | null;
  ref: string | null;
  /** JSON text, as stored. */
  extra: string | null;
}

/** The first entry that failed (its index in the manifest and the ValidationError's message). */
export interface EntryProblem {
  index: number;
  message: string;
}

/** The entries before the first problem, in manifest order, and that problem. */
export interface PrecheckedEntries {
  entries: PrecheckedEntry[];
  problem: EntryProblem | null;
}

const REFERENCE_SCHEMES = ["http:", "https:", "s3:", "gs:", "file:"];

/** One entry's checks; `seen` holds the paths before it. A string is the problem. */
export function precheckEntry(input: EntryInput, seen: Set<string>): PrecheckedEntry | string {
  const pathError = checkEntryPath(input.path);
  if (pathError) return pathError;
  if (seen.has(input.path)) return `path ${JSON.stringify(input.path)} appears twice in the manifest`;
  seen.add(input.path);
  const extra = input.extra ? JSON.stringify(input.extra) : null;
  if (input.ref !== undefined) return checkReference({ ...input, ref: input.ref }, extra);
  if (input.sha256 === undefined || !SHA256_PATTERN.test(input.sha256)) {
    return `entry ${JSON.stringify(input.path)} needs either "ref" (a reference) or "sha256" (64 lowercase hex digits of an uploaded blob)`;
  }
  return { path: input.path, digest: input.digest ?? null, size: input.size, blobSha256: input.sha256, ref: null, extra };
}

function checkReference(input: EntryInput & { ref: string }, extra: string | null): PrecheckedEntry | string {
  if (input.digest === undefined) {
    return `reference ${JSON.stringify(input.path)} needs a digest: its ETag or checksum, or the URI itself when none was taken`;
  }
  let scheme: string;
  try {
    scheme = new URL(input.ref).protocol;
  } catch {
    return `reference ${JSON.stringify(input.ref)} for ${JSON.stringify(input.path)} is not a valid URI`;
  }
  if (!REFERENCE_SCHEMES.includes(scheme)) {
    return `reference ${JSON.stringify(input.ref)} has an unsupported scheme; use http(s)://, s3://, gs:// or file://`;
  }
  return { path: input.path, digest: input.digest, size: input.size, blobSha256: null, ref: input.ref, extra };
}

/** Every entry's checks in one go, stopping at the first problem (a worker runs this). */
export function precheckEntries(inputs: readonly EntryInput[]): PrecheckedEntries {
  const entries: PrecheckedEntry[] = [];
  return { entries, problem: precheckRange(inputs, { start: 0, end: inputs.length, seen: new Set(), into: entries }) };
}

/**
 * Checks `inputs[start, end)` into `into`, `seen` holding the paths of the entries before: the first
 * problem, or null. The main thread checks a small manifest a range per slice of the event loop.
 */
export function precheckRange(
  inputs: readonly EntryInput[],
  { start, end, seen, into }: { start: number; end: number; seen: Set<string>; into: PrecheckedEntry[] },
): PrecheckedEntries["problem"] {
  for (let i = start; i < end; i++) {
    const checked = precheckEntry(inputs[i]!, seen);
    if (typeof checked === "string") return { index: i, message: checked };
    into.push(checked);
  }
  return null;
}
