import { z } from "zod";
import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { ByteReader } from "./byte-reader";
import { uploadBlob, type UploadResult } from "./blobs";

const ZRecordHeader = z.object({ sha256: z.string(), size: z.number().int().nonnegative(), md5: z.string().optional() });

/**
 * Many small blobs in one request (`POST /blobs/batch`): each record is a JSON header line
 * `{"sha256","size","md5"?}` and then exactly `size` bytes. Each blob is verified and published
 * like a single upload; one request per thousand small files instead of a thousand requests.
 */
export async function uploadBlobBatch(ctx: ServiceContext, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<UploadResult[]> {
  const reader = new ByteReader(body);
  const results: UploadResult[] = [];
  for (;;) {
    const line = await reader.readLine(4096);
    if (line === null) return results;
    if (line.trim() === "") continue;
    let header: z.infer<typeof ZRecordHeader>;
    try {
      header = ZRecordHeader.parse(JSON.parse(line));
    } catch {
      throw new ValidationError(`record ${results.length + 1} of the batch has a bad header ${JSON.stringify(line.slice(0, 200))}: expected {"sha256": …, "size": …}`);
    }
    results.push(await uploadBlob(ctx, { ...header, body: reader.take(header.size) }));
  }
}
