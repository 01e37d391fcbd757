import { ValidationError } from "../errors";
import { parseJsonLenient } from "../services/metadata";

/**
 * A JSON body's text as the object a route takes: empty is `{}`, NaN is tolerated as Python writes
 * it, and `null`, an array or a number is a 400 that says so. Shared by request.ts and the task
 * worker that parses large commits (server/workers/task-list.ts), hence a file with light imports.
 */
export function asJsonObject(text: string): Record<string, unknown> {
  const value = text.trim() === "" ? {} : parseJsonLenient(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw new ValidationError(`the request body must be a JSON object ({...}), got ${got}; see docs/api.md for this endpoint's fields`);
  }
  return value as Record<string, unknown>;
}
