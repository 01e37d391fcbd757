import { PayloadTooLargeError } from "./errors";

/**
 * Every size limit on a request, in one place (documented in docs/api.md, "Limits"). Bodies are
 * counted as they stream in and refused with 413 as soon as they pass their limit, whatever
 * Content-Length says (a chunked body has none).
 */
const MiB = 1024 * 1024;

/** Ordinary JSON bodies of /api/v1 (runs, aliases, updates, cleanup, missing-blob lists). */
export const JSON_BODY_LIMIT = 16 * MiB;
/** log, upsert, finish and patch carry manifests: 200,000 entries with long paths fit. */
export const COMMIT_BODY_LIMIT = 256 * MiB;
/**
 * tRPC (the web UI) sends small inputs; the largest is a metadata edit, itself at most 1 MiB
 * (METADATA_LIMIT_BYTES) plus escaping and the envelope, hence 2 MiB rather than 1.
 */
export const TRPC_BODY_LIMIT = 2 * MiB;
/** Nesting depth of metadata, run config and entry `extra` JSON. */
export const MAX_JSON_DEPTH = 64;

export function formatBytes(bytes: number): string {
  return bytes >= MiB && bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

export function bodyTooLarge(limit: number, what: string): PayloadTooLargeError {
  return new PayloadTooLargeError(`the request body is larger than ${formatBytes(limit)}, the limit for ${what}; see docs/api.md (Limits)`);
}

/** The stream, failing with 413 (PayloadTooLargeError) once more than `limit` bytes went through. */
export function limitStream(body: ReadableStream<Uint8Array>, limit: number, what: string): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(bodyTooLarge(limit, what));
        else controller.enqueue(chunk);
      },
    }),
  );
}
