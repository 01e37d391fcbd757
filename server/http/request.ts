import { ValidationError } from "../errors";
import { bodyTooLarge, COMMIT_BODY_LIMIT, JSON_BODY_LIMIT } from "../limits";
import { parseJsonLenient } from "../services/metadata";

/**
 * Reads a JSON body (NaN tolerated as Python writes it); an empty body is `{}`. The body is read
 * chunk by chunk and refused (413) as soon as it passes `limit`, so a chunked body without a
 * Content-Length cannot grow the process either.
 */
export async function readJson(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const text = await readText(req, limit);
  if (text.trim() === "") return {};
  return parseJsonLenient(text);
}

/** readJson for routes that take an object: `null`, an array or a number is a 400 that says so. */
export async function readJsonObject(req: Request, limit = JSON_BODY_LIMIT): Promise<Record<string, unknown>> {
  const value = await readJson(req, limit);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw new ValidationError(`the request body must be a JSON object ({...}), got ${got}; see docs/api.md for this endpoint's fields`);
  }
  return value as Record<string, unknown>;
}

async function readText(req: Request, limit: number): Promise<string> {
  const what = limit === COMMIT_BODY_LIMIT ? "a commit (log, upsert, finish, patch)" : limit === JSON_BODY_LIMIT ? "JSON bodies" : "this endpoint";
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw bodyTooLarge(limit, what);
  if (!req.body) return "";
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
  return Buffer.concat(chunks).toString("utf8");
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
