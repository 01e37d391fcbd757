import { validationError } from "./errors";
import type { JsonObject } from "./types";

/**
 * JSON.stringify would quietly turn ±Infinity into null, so it is refused here (SPEC 1); NaN becomes null as the
 * spec says. Also refuses values JSON cannot carry (functions, bigint).
 */
export function checkMetadata(metadata: unknown, where = "metadata"): JsonObject {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw validationError(`${where} must be a JSON object`);
  }
  visit(metadata, where);
  return metadata as JsonObject;
}

function visit(value: unknown, path: string): void {
  if (typeof value === "number") {
    if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
      throw validationError(`${path} is ${value}: metadata cannot hold ±Infinity`);
    }
    return;
  }
  if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol") {
    throw validationError(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
  if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
  }
}

/** What a save() must send for metadata: nothing, a merge of changed keys, or a full replacement. */
export function diffMetadata(saved: JsonObject, current: JsonObject, replaced: boolean): { metadata?: JsonObject; replaceMetadata?: boolean } {
  const removedKey = Object.keys(saved).some((key) => !(key in current));
  if (replaced || removedKey) {
    return JSON.stringify(saved) === JSON.stringify(current) ? {} : { metadata: current, replaceMetadata: true };
  }
  const changed: JsonObject = {};
  for (const [key, value] of Object.entries(current)) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(value)) changed[key] = value;
  }
  return Object.keys(changed).length === 0 ? {} : { metadata: changed };
}

/** What a save() must send for aliases: nothing, add/remove lists, or a replacement set. */
export function diffAliases(saved: string[], current: string[], replaced: boolean): { add: string[]; remove: string[] } | { set: string[] } | undefined {
  if (replaced) return { set: [...new Set(current)] };
  const add = [...new Set(current.filter((alias) => !saved.includes(alias)))];
  const remove = saved.filter((alias) => !current.includes(alias));
  return add.length === 0 && remove.length === 0 ? undefined : { add, remove };
}
