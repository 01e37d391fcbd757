import { PayloadTooLargeError, ValidationError } from "../errors";
import { parseJsonLenient } from "../services/metadata";

const MAX_JSON_BYTES = 512 * 1024 * 1024;

/** Reads a JSON body (NaN tolerated as Python writes it); an empty body is `{}`. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new PayloadTooLargeError(`request body is ${declared} bytes; the limit for JSON is ${MAX_JSON_BYTES}`);
  const text = await req.text();
  if (text.trim() === "") return {};
  return parseJsonLenient(text);
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
