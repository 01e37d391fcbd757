import { z } from "zod";
import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { ByteReader } from "./byte-reader";
import { uploadBlob, type UploadResult } from "./blobs";

const ZRecordHeader = z.object({ sha256: z.string(), size: z.number().int().nonnegative(), md5: z.string().optional() });

/**
 * Records whose bytes were all read but which are still being published (the store's fsync, rename or object
 * PUT, then the row). Publishing one record while the next is read keeps the disk's flushes from serializing the
 * batch: one fdatasync after another cost 7-18 ms per file here, a thousand 1 MiB files 7-18 s, while a few
 * flushes in flight share the journal commits (about 2 ms per file). Bounded by count and by bytes because a
 * store may hold a record's bytes in memory until it is published (S3: one PUT per blob under a part).
 */
const PUBLISHING_RECORDS = 16;
const PUBLISHING_BYTES = 64 << 20;

/**
 * Many small blobs in one request (`POST /blobs/batch`): each record is a JSON header line
 * `{"sha256","size","md5"?}` and then exactly `size` bytes. Each blob is verified and published
 * like a single upload; one request per thousand small files instead of a thousand requests.
 * The answer (or the first error) comes once every record that was started has settled, so the
 * records before a refused one are published when the client hears of the refusal.
 */
export async function uploadBlobBatch(ctx: ServiceContext, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<UploadResult[]> {
  const reader = new ByteReader(body);
  const started: Promise<UploadResult>[] = [];
  const publishing = new Set<Promise<unknown>>();
  let publishingBytes = 0;
  let failed = false;
  try {
    while (!failed) {
      const line = await reader.readLine(4096);
      if (line === null) break;
      if (line.trim() === "") continue;
      let header: z.infer<typeof ZRecordHeader>;
      try {
        header = ZRecordHeader.parse(JSON.parse(line));
      } catch {
        throw new ValidationError(`record ${started.length + 1} of the batch has a bad header ${JSON.stringify(line.slice(0, 200))}: expected {"sha256": …, "size": …}`);
      }
      while (publishing.size >= PUBLISHING_RECORDS || (publishing.size > 0 && publishingBytes + header.size > PUBLISHING_BYTES)) await Promise.race(publishing);
      const body = readFully(reader.take(header.size));
      const upload = uploadBlob(ctx, { ...header, body: body.chunks });
      started.push(upload);
      const settled = upload.then(
        () => undefined,
        () => void (failed = true),
      );
      // The next header follows this record's bytes: wait for them to be read (or for the upload to stop reading).
      await Promise.race([body.read, settled]);
      if (!body.complete) {
        await settled;
        break; // the upload failed part-way through its bytes: the stream is not at a header, stop here
      }
      publishingBytes += header.size;
      const entry = settled.finally(() => {
        publishing.delete(entry);
        publishingBytes -= header.size;
      });
      publishing.add(entry);
    }
  } finally {
    // Nothing stays running after the answer, an error included.
    await Promise.allSettled(started);
  }
  // In record order; the first refusal is the answer.
  return Promise.all(started);
}

/** `source`, with a promise that resolves once it was read to its end (`complete`) or its reader stopped early. */
function readFully(source: AsyncIterable<Uint8Array>): { chunks: AsyncIterable<Uint8Array>; read: Promise<void>; readonly complete: boolean } {
  let done!: () => void;
  let complete = false;
  async function* chunks() {
    try {
      yield* source;
      complete = true;
    } finally {
      done();
    }
  }
  return {
    chunks: chunks(),
    read: new Promise<void>((resolve) => (done = resolve)),
    get complete() {
      return complete;
    },
  };
}
