import { existsSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/** A mistake in how arca was called: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Accepted by every command (each command's --help says which ones matter to it). */
export const COMMON_OPTIONS = {
  name: { type: "string" },
  type: { type: "string" },
  project: { type: "string" },
  entity: { type: "string" },
  alias: { type: "string", multiple: true },
  description: { type: "string" },
  metadata: { type: "string" },
  run: { type: "string" },
  "job-type": { type: "string" },
  group: { type: "string" },
  reference: { type: "string", multiple: true },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies OptionSpecs;

export interface ParsedArgs {
  values: Values;
  positionals: string[];
}

export function parseCommandArgs(args: string[], extra: OptionSpecs = {}): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...COMMON_OPTIONS, ...extra }, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown options and missing values.
    throw new UsageError((error as Error).message);
  }
}

export function stringOption(values: Values, key: string): string | undefined {
  const value = values[key];
  return typeof value === "string" ? value : undefined;
}

export function listOption(values: Values, key: string): string[] {
  const value = values[key];
  return Array.isArray(value) ? value : [];
}

export function flagOption(values: Values, key: string): boolean {
  return values[key] === true;
}

/** Splits `TEXT=NAME` at the last '='; both sides must be non-empty for the split to count. */
function splitAtLastEquals(spec: string): { head: string; name?: string } {
  const at = spec.lastIndexOf("=");
  if (at <= 0 || at === spec.length - 1) return { head: spec };
  return { head: spec.slice(0, at), name: spec.slice(at + 1) };
}

/** `--add PATH[=NAME]`: a PATH that exists as written is taken whole, even when it contains '='. */
export function parseAddSpec(spec: string, exists: (path: string) => boolean = existsSync): { path: string; name?: string } {
  if (spec === "") throw new UsageError("--add needs a PATH");
  if (exists(spec)) return { path: spec };
  const { head, name } = splitAtLastEquals(spec);
  return name === undefined ? { path: head } : { path: head, name };
}

/** `--reference URI[=NAME]`: the last '=' separates NAME, so a URI holding '=' (a query) needs an explicit NAME. */
export function parseReferenceSpec(spec: string): { uri: string; name?: string } {
  if (spec === "") throw new UsageError("--reference needs a URI");
  const { head, name } = splitAtLastEquals(spec);
  return name === undefined ? { uri: head } : { uri: head, name };
}

const UNIT_DAYS: Record<string, number> = { m: 1 / 1440, h: 1 / 24, d: 1, w: 7 };

/** `--older-than`: `7d`, `12h`, `30m`, `2w`, or a bare number of days; returns days (maybe fractional). */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([mhdw]?)$/i.exec(text.trim());
  if (!match) throw new UsageError(`invalid duration ${JSON.stringify(text)}: use a number of days or a value like 7d, 12h, 30m, 2w`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? "").toLowerCase();
  return amount * (UNIT_DAYS[unit] ?? 1);
}

export function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${flag} expects a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** `--metadata JSON`: must be a JSON object. */
export function parseMetadata(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--metadata is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError("--metadata must be a JSON object, like '{\"rows\": 1000}'");
  return value as Record<string, unknown>;
}

export function requirePositionals(positionals: string[], count: number, usage: string): void {
  if (positionals.length < count) throw new UsageError(`missing argument: usage: ${usage}`);
}
