import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { listEntriesAfter } from "@/db/queries/files";
import type { ServiceContext } from "../../context";
import type { ManifestEntry } from "../artifacts/entries";
import { getEntry } from "../artifacts/read";
import { resolveVersion } from "../artifacts/resolve";
import { readBlob } from "../blobs/blobs";
import type { Namespace } from "../schemas";
import { coalesce, writeZip, type ZipSource } from "./zip-writer";

const BATCH = 1000;
/** The list of references added to a zip; a version that already has a file of this name gets `REFERENCES-arca.txt`. */
export const REFERENCES_FILE = "REFERENCES.txt";

export interface VersionZip {
  filename: string;
  body: AsyncGenerator<Uint8Array>;
}

/**
 * A whole version as one stored (uncompressed) ZIP, streamed: entries are read from the database
 * in keyset batches and each blob is piped through, so memory stays flat for any version size.
 * Stored, because model weights and images barely compress and deflate would cap the download
 * at ~50 MiB/s of CPU. References are not fetched (their bytes live elsewhere and Arca never
 * copies them); they are listed in REFERENCES.txt at the end with URI and checksum.
 */
export async function zipVersion(ctx: ServiceContext, ns: Namespace, name: string, selector: string): Promise<VersionZip> {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  const label = version.versionIndex === null ? `draft-${version.id}` : `v${version.versionIndex}`;
  const modified = new Date(version.committedAt ?? version.createdAt);
  return { filename: `${name}-${label}.zip`, body: coalesce(writeZip(zipSources(ctx, version.id), modified)) };
}

async function* zipSources(ctx: ServiceContext, versionId: number): AsyncGenerator<ZipSource> {
  for await (const e of iterateEntries(ctx, versionId, "files")) {
    const sha256 = e.blobSha256!;
    // An exact range sizes the read buffer to the file (without one, every small file allocates 1 MiB).
    yield { path: e.path, size: e.size, open: () => (e.size === 0 ? Promise.resolve([]) : readBlob(ctx, sha256, { start: 0, end: e.size - 1 })) };
  }
  // The list is built a batch at a time with a turn of the event loop between batches: 200,000
  // references are seconds of string work that must not stop other requests.
  const chunks: Buffer[] = [];
  for await (const batch of entryBatches(ctx, versionId, "references")) {
    chunks.push(Buffer.from(batch.map((e) => `${[e.path, e.ref, e.digest, e.size].join("\t")}\n`).join("")));
    await yieldToEventLoop();
  }
  if (chunks.length === 0) return;
  chunks.unshift(Buffer.from("# References of this version: their contents live at the URI and are not in this zip.\n# path\turi\tdigest (ETag/checksum, or the URI when none was taken)\tsize\n"));
  const path = await getEntry(ctx, versionId, REFERENCES_FILE) ? "REFERENCES-arca.txt" : REFERENCES_FILE;
  yield { path, size: chunks.reduce((sum, c) => sum + c.length, 0), open: () => Promise.resolve(chunks) };
}

async function* iterateEntries(ctx: ServiceContext, versionId: number, which: "files" | "references"): AsyncGenerator<ManifestEntry> {
  for await (const batch of entryBatches(ctx, versionId, which)) yield* batch;
}

/** Entries in path order, BATCH at a time on the (version, path) index: never the whole version in memory. */
async function* entryBatches(ctx: ServiceContext, versionId: number, which: "files" | "references"): AsyncGenerator<ManifestEntry[]> {
  let after = "";
  for (;;) {
    const rows = await listEntriesAfter(ctx, { versionId, after, kind: which, limit: BATCH });
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.path;
  }
}
