import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { listEntryPage } from "@/db/queries/entries";
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
  // One pass in path order: files go into the zip as they come, references into the list that ends
  // it. (A pass per kind made the files' first query walk all 200,000 entries of a references-only
  // version in one synchronous SQLite call, 35-500 ms of a stopped server.) The list is built a batch
  // at a time, with a turn of the event loop after each batch.
  const references: Buffer[] = [];
  for await (const batch of entryBatches(ctx, versionId)) {
    const lines: string[] = [];
    for (const e of batch) {
      if (e.blobSha256 === null) {
        lines.push(`${[e.path, e.ref, e.digest, e.size].join("\t")}\n`);
        continue;
      }
      const sha256 = e.blobSha256;
      // An exact range sizes the read buffer to the file (without one, every small file allocates 1 MiB).
      yield { path: e.path, size: e.size, open: () => (e.size === 0 ? Promise.resolve([]) : readBlob(ctx, sha256, { start: 0, end: e.size - 1 })) };
    }
    if (lines.length > 0) references.push(Buffer.from(lines.join("")));
    await yieldToEventLoop();
  }
  if (references.length === 0) return;
  references.unshift(Buffer.from("# References of this version: their contents live at the URI and are not in this zip.\n# path\turi\tdigest (ETag/checksum, or the URI when none was taken)\tsize\n"));
  const path = (await getEntry(ctx, versionId, REFERENCES_FILE)) ? "REFERENCES-arca.txt" : REFERENCES_FILE;
  yield { path, size: references.reduce((sum, c) => sum + c.length, 0), open: () => Promise.resolve(references) };
}

/** Entries in path order, BATCH at a time on the (version, path) index: never the whole version in memory. */
async function* entryBatches(ctx: ServiceContext, versionId: number): AsyncGenerator<ManifestEntry[]> {
  for (let after = ""; ; ) {
    const rows = await listEntryPage(ctx, { versionId, after, prefix: "", limit: BATCH });
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.path;
  }
}
