import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/**
 * Parses what a person typed as a metadata object, with an error that says where it went wrong
 * (line and column, from 1). JSON.parse's messages carry no position in every engine, so a
 * tolerant parser locates the first error and strict JSON.parse decides validity.
 */
export function parseMetadataInput(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) return { ok: false, error: "Not valid JSON" };
    const before = text.slice(0, first.offset).split("\n");
    const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    return { ok: false, error: `Not valid JSON at line ${before.length}, column ${before[before.length - 1]!.length + 1}: ${what}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: 'Metadata must be a JSON object, like {"accuracy": 0.9}' };
  return { ok: true, value: value as Record<string, unknown> };
}
