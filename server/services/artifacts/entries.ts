import { findBlob } from "@/db/queries/blobs";
import { listVersionEntries, type EntryRow } from "@/db/queries/entries";
import { checkEntryPath } from "@/lib/names";
import { DigestMismatchError, PreconditionFailedError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { EntryInput } from "../schemas";
import { SHA256_PATTERN } from "../../storage/blob-store";

/** A checked manifest entry, ready to be stored: a file (blobSha256 set) or a reference (ref set). */
export type ManifestEntry = EntryRow;

const REFERENCE_SCHEMES = ["http:", "https:", "s3:", "gs:", "file:"];

/**
 * Checks entries before anything is stored: paths, duplicates, reference schemes, and that every
 * file's blob was uploaded with the size and MD5 the entry declares.
 */
export async function checkEntries(ctx: ServiceContext, inputs: EntryInput[]): Promise<ManifestEntry[]> {
  const seen = new Set<string>();
  const out: ManifestEntry[] = [];
  for (const input of inputs) {
    const pathError = checkEntryPath(input.path);
    if (pathError) throw new ValidationError(pathError);
    if (seen.has(input.path)) throw new ValidationError(`path ${JSON.stringify(input.path)} appears twice in the manifest`);
    seen.add(input.path);
    if (input.ref !== undefined) {
      out.push(checkReference({ ...input, ref: input.ref }));
      continue;
    }
    if (input.sha256 === undefined || !SHA256_PATTERN.test(input.sha256)) {
      throw new ValidationError(`entry ${JSON.stringify(input.path)} needs either "ref" (a reference) or "sha256" (64 lowercase hex digits of an uploaded blob)`);
    }
    const blob = await findBlob(ctx, input.sha256);
    if (!blob) {
      throw new PreconditionFailedError(`the file for ${JSON.stringify(input.path)} (sha256 ${input.sha256}) was not uploaded: PUT /api/v1/blobs/${input.sha256} first`);
    }
    if (blob.size !== input.size || (input.digest !== undefined && blob.md5 !== input.digest)) {
      throw new DigestMismatchError(
        `entry ${JSON.stringify(input.path)} declares size ${input.size} and digest ${input.digest ?? "(none)"}, but blob ${input.sha256} has size ${blob.size} and digest ${blob.md5}`,
      );
    }
    out.push({ path: input.path, digest: blob.md5, size: input.size, blobSha256: input.sha256, ref: null, extra: input.extra ? JSON.stringify(input.extra) : null });
  }
  return out;
}

function checkReference(input: EntryInput & { ref: string }): ManifestEntry {
  if (input.digest === undefined) {
    throw new ValidationError(`reference ${JSON.stringify(input.path)} needs a digest: its ETag or checksum, or the URI itself when none was taken`);
  }
  let scheme: string;
  try {
    scheme = new URL(input.ref).protocol;
  } catch {
    throw new ValidationError(`reference ${JSON.stringify(input.ref)} for ${JSON.stringify(input.path)} is not a valid URI`);
  }
  if (!REFERENCE_SCHEMES.includes(scheme)) {
    throw new ValidationError(`reference ${JSON.stringify(input.ref)} has an unsupported scheme; use http(s)://, s3://, gs:// or file://`);
  }
  return { path: input.path, digest: input.digest, size: input.size, blobSha256: null, ref: input.ref, extra: input.extra ? JSON.stringify(input.extra) : null };
}

export function loadEntries(ctx: ServiceContext, versionId: number): Promise<ManifestEntry[]> {
  return listVersionEntries(ctx, versionId);
}

export function totalsOf(list: ManifestEntry[]): { size: number; fileCount: number } {
  return { size: list.reduce((sum, e) => sum + e.size, 0), fileCount: list.length };
}
