import { Readable } from "node:stream";
import { NotFoundError, ValidationError } from "../../errors";
import { findMissingBlobs, getBlobInfo, readBlob, uploadBlob } from "../../services/blobs/blobs";
import { completeDirectUploads, planDirectUploads } from "../../services/blobs/direct";
import { collectGarbage, runGarbageCollection } from "../../services/blobs/gc";
import { uploadBlobBatch } from "../../services/blobs/upload-batch";
import { ZCompleteUploadsInput, ZMissingBlobsInput } from "../../services/schemas";
import { json } from "../errors";
import { readJsonObject } from "../request";
import type { Route } from "../router";

export const blobRoutes: Route[] = [
  {
    method: "POST",
    pattern: "blobs/missing", access: "blob-upload",
    handle: async ({ req, ctx }) => {
      const input = ZMissingBlobsInput.parse(await readJsonObject(req));
      const missing = await findMissingBlobs(ctx, input.blobs);
      if (!ctx.direct) return json(200, { missing });
      // Direct transfers: where to PUT each missing blob; POST /blobs/complete publishes them.
      const sizes = new Map(input.blobs.map((b) => [b.sha256, b.size]));
      const uploads = await planDirectUploads(ctx, { blobs: missing.map((sha256) => ({ sha256, size: sizes.get(sha256)! })) });
      return json(200, { missing, uploads });
    },
  },
  {
    method: "POST",
    pattern: "blobs/complete", access: "blob-upload",
    handle: async ({ req, ctx }) => {
      const input = ZCompleteUploadsInput.parse(await readJsonObject(req));
      return json(200, { blobs: await completeDirectUploads(ctx, input) });
    },
  },
  {
    method: "POST",
    pattern: "blobs/batch", access: "blob-upload",
    handle: async ({ req, rawBody, ctx }) => {
      const body = rawBody ?? req.body ?? Readable.from([]);
      return json(200, { blobs: await uploadBlobBatch(ctx, body as AsyncIterable<Uint8Array>) });
    },
  },
  {
    method: "PUT",
    pattern: "blobs/:sha256", access: "blob-upload",
    handle: async ({ req, rawBody, ctx, params }) => {
      const lengthHeader = req.headers.get("content-length");
      const size = Number(lengthHeader);
      if (lengthHeader === null || !Number.isSafeInteger(size) || size < 0) {
        throw new ValidationError("PUT /blobs/{sha256} needs a Content-Length header with the exact byte count");
      }
      const body = rawBody ?? req.body ?? Readable.from([]);
      const result = await uploadBlob(ctx, {
        sha256: params.sha256!,
        size,
        md5: req.headers.get("x-arca-md5") ?? undefined,
        body: body as AsyncIterable<Uint8Array>,
      });
      return json(result.created ? 201 : 200, result);
    },
  },
  {
    method: "GET",
    pattern: "blobs/:sha256", access: "blob-read",
    handle: async ({ ctx, params }) => {
      const info = await getBlobInfo(ctx, params.sha256!);
      if (!info) throw new NotFoundError(`blob ${params.sha256} is not stored`);
      if (ctx.direct) return redirect(await ctx.direct.downloadUrl(params.sha256!, {}));
      return streamResponse(await readBlob(ctx, params.sha256!), info.size, "application/octet-stream");
    },
  },
  {
    method: "POST",
    pattern: "gc", access: "instance-admin",
    handle: async ({ req, ctx }) => {
      const body = await readJsonObject(req);
      // The dry run only reads; the real one is the one GC job across instances (services/blobs/gc.ts).
      return json(200, body.dryRun === true ? await collectGarbage(ctx, { dryRun: true }) : await runGarbageCollection(ctx));
    },
  },
];

/** To a pre-signed URL (direct transfers): 307 so that the client repeats the GET there, without Arca's credentials. */
export function redirect(location: string): Response {
  return new Response(null, { status: 307, headers: { location, "cache-control": "no-store" } });
}

export function streamResponse(stream: Readable, size: number, contentType: string, extra: Record<string, string> = {}): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    status: 200,
    headers: { "content-type": contentType, "content-length": String(size), ...extra },
  });
}

/**
 * A Web stream pulled from an async generator: one chunk is produced per read, so a slow client
 * slows the producer (backpressure) and a client that hangs up ends the generator (its finally
 * blocks close open blob files). A failure after the headers went out can only abort the body.
 */
export function iterableStream(body: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await body.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          console.error("[arca] streamed response failed", error);
          controller.error(error);
        }
      },
      async cancel() {
        await body.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
