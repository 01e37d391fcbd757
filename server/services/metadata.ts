import { assertValid, PayloadTooLargeError, ValidationError } from "../errors";
import { MAX_JSON_DEPTH } from "../limits";

export const METADATA_LIMIT_BYTES = 1 << 20;
export type JsonObject = Record<string, unknown>;

/**
 * Metadata is a JSON object. NaN becomes null (what W&B does); ±Infinity has no JSON
 * form and is refused rather than silently changed.
 */
export function normalizeMetadata(value: unknown, where = "metadata"): JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ValidationError(`${where} must be a JSON object, like {"rows": 1000}`);
  }
  assertValid(jsonDepthProblem(value, where));
  const normalized = normalizeValue(value, where) as JsonObject;
  const bytes = Buffer.byteLength(JSON.stringify(normalized), "utf8");
  if (bytes > METADATA_LIMIT_BYTES) {
    throw new PayloadTooLargeError(`${where} is ${bytes} bytes; the limit is ${METADATA_LIMIT_BYTES} bytes (1 MiB). Store large data as a file in the artifact instead.`);
  }
  return normalized;
}

function normalizeValue(value: unknown, path: string): unknown {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return null;
    if (!Number.isFinite(value)) throw new ValidationError(`${path} is ${value}: Infinity cannot be stored in metadata (JSON has no Infinity); use null or a large number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalizeValue(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    // Every key is data, `__proto__` included: define it, never assign through it (that would set the prototype and drop the key).
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: normalizeValue(v, `${path}.${k}`), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (value === undefined) return null;
  return value;
}

/**
 * "metadata is nested 2500 levels deep; the limit is 64", or null. Deep JSON would overflow the
 * stack of every recursive reader after it (JSON.stringify, the UI's tree), so it is refused at
 * the door. Walks with its own stack: any depth is measured without recursion.
 */
export function jsonDepthProblem(value: unknown, where: string): string | null {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(node)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return deepest > MAX_JSON_DEPTH ? `${where} is nested ${deepest} levels deep; the limit is ${MAX_JSON_DEPTH}: flatten it or store it as a file in the artifact` : null;
}

/**
 * Parses a JSON request body as Python's json.dumps writes it: bare NaN becomes null,
 * bare Infinity / -Infinity is refused with a clear message. Strings are left untouched.
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (strictError) {
    const rewritten = rewriteNonFinite(text);
    if (rewritten === text) throw new ValidationError(`request body is not valid JSON: ${(strictError as Error).message}`);
    try {
      return JSON.parse(rewritten);
    } catch (error) {
      throw new ValidationError(`request body is not valid JSON: ${(error as Error).message}`);
    }
  }
}

function rewriteNonFinite(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (text.startsWith("NaN", i)) {
      out += "null";
      i += 2;
      continue;
    }
    if (text.startsWith("Infinity", i) || text.startsWith("-Infinity", i)) {
      throw new ValidationError("metadata contains Infinity: JSON has no Infinity, so it cannot be stored; use null or a large number");
    }
    out += c;
  }
  return out;
}
