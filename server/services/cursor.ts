import { ValidationError } from "../errors";

/**
 * Keyset cursors travel in URLs: the last row's sort key as a small base64url JSON tuple.
 * A cursor that does not decode is a stale or hand-edited link, refused in words.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends (string | number)[]>(text: string, shape: readonly ("string" | "number")[]): T {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString()) as unknown;
    if (Array.isArray(value) && value.length === shape.length && value.every((v, i) => typeof v === shape[i])) return value as T;
  } catch {
    // reported below
  }
  throw new ValidationError("this page link is no longer valid; go back to the first page");
}
