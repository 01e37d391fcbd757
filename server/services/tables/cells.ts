import { parse } from "lossless-json";
import { numberFromText } from "@/lib/table-cells";

// Fifteen digits always fit a double exactly; only text with a longer digit run can hold an integer that does not.
const LONG_DIGITS = /\d{16}/;

/**
 * Parses a row (or any JSON text) of a table: integers beyond ±2^53 become BigIntCells with their exact digits
 * (lib/table-cells.ts) instead of being rounded. Rows without a long digit run take JSON.parse, the fast path.
 */
export function parseTableJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return parse(text, undefined, numberFromText);
}
