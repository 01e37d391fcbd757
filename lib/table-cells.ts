/**
 * Cell values of the table API (docs/tables.md "Exact integers"). JSON numbers are doubles in every browser, so an
 * integer beyond ±2^53 (an ID, a hash, a nanosecond timestamp) would arrive rounded. The server sends such an
 * integer as `{"_type": "arca-big-int", "digits": "12345678901234567890"}`, its digits exactly as the table file has
 * them; every other value is plain JSON. Shared by the server (which makes them) and the grid (which shows them).
 */
export const BIG_INT_TYPE = "arca-big-int";

export interface BigIntCell {
  _type: typeof BIG_INT_TYPE;
  digits: string;
}

const INTEGER = /^-?\d+$/;

export function isBigIntCell(value: unknown): value is BigIntCell {
  return typeof value === "object" && value !== null && (value as { _type?: unknown })._type === BIG_INT_TYPE && typeof (value as { digits?: unknown }).digits === "string";
}

/** The value of a number's source text: a double, or a BigIntCell when a double would not hold the integer exactly. */
export function numberFromText(text: string): number | BigIntCell {
  const value = Number(text);
  if (INTEGER.test(text) && !Number.isSafeInteger(value)) return { _type: BIG_INT_TYPE, digits: text };
  return value;
}

/** JSON text of a cell with each BigIntCell written back as its bare digits (for display and copying). */
export function cellJson(value: unknown, indent?: number): string {
  const marks: string[] = [];
  // Each BigIntCell becomes a placeholder string, replaced by the digits afterwards; the random tag keeps a cell's own
  // string from ever looking like one.
  const tag = Math.random().toString(36).slice(2, 10);
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (!isBigIntCell(item)) return item;
      marks.push(item.digits);
      return `\u0000${tag}:${marks.length - 1}`;
    },
    indent,
  );
  if (marks.length === 0) return text;
  return text.replace(new RegExp(`"\\\\u0000${tag}:(\\d+)"`, "g"), (_match, index: string) => marks[Number(index)] ?? "");
}
