import { ValidationError } from "../errors";
import { bodyTooLarge, COMMIT_BODY_LIMIT, JSON_BODY_LIMIT } from "../limits";
import { parseJsonLenient } from "../services/metadata";
import { asJsonObject } from "./json-body";

/**
 * Reads a JSON body (NaN tolerated as Python writes it); an empty body is `{}`. The body is read
 * chunk by chunk and refused (413) as soon as it passes `limit`, so a chunked body without a
 * Content-Length cannot grow the process either.
 */
export async function readJson(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const text = (await readBytes(req, limit)).toString("utf8");
  if (text.trim() === "") return {};
  return parseJsonLenient(text);
}

/** readJson for routes that take an object: `null`, an array or a number is a 400 that says so. */
export async function readJsonObject(req: Request, limit = JSON_BODY_LIMIT): Promise<Record<string, unknown>> {
  return asJsonObject((await readBytes(req, limit)).toString("utf8"));
}

/** The body's bytes, refused (413) as soon as they pass `limit`. */
export async function readBytes(req: Request, limit: number): Promise<Buffer> {
  const what = limit === COMMIT_BODY_LIMIT ? "a commit (log, upsert, finish, patch)" : limit === JSON_BODY_LIMIT ? "JSON bodies" : "this endpoint";
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw bodyTooLarge(limit, what);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new ValidationError("the request body could not be read to its end (the connection closed early?); send it again", { cause: error });
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > limit) throw bodyTooLarge(limit, what);
      chunks.push(chunk.value);
    }
  } finally {
    // Past the limit, stop the upload instead of draining it.
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks);
}

export function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ValidationError(`query parameter ${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function boolParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  return raw === "true" || raw === "1";
}
