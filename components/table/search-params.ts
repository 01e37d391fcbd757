import { parseAsBoolean, parseAsInteger, parseAsJson, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { z } from "zod";

/**
 * The grid's state lives in the URL, so a view of a table (page, size, sort, filters, open row)
 * is a link. Columns are named, not numbered, so links stay readable.
 */
export const ZUrlFilter = z.object({
  c: z.string(),
  op: z.enum(["eq", "contains", "range", "null", "notnull"]),
  v: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type UrlFilter = z.infer<typeof ZUrlFilter>;

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;

export const tableSearchParams = {
  page: parseAsInteger.withDefault(1),
  size: parseAsInteger.withDefault(50),
  sort: parseAsString,
  order: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
  f: parseAsJson(z.array(ZUrlFilter)).withDefault([]),
  row: parseAsInteger,
  /** Column summaries above the rows; `summary=false` hides them. */
  summary: parseAsBoolean.withDefault(true),
};

export const FILTER_LABELS: Record<UrlFilter["op"], string> = {
  eq: "equals",
  contains: "contains",
  range: "between",
  null: "is null",
  notnull: "is not null",
};

export function describeFilter(f: UrlFilter): string {
  if (f.op === "range") return `${f.c} between ${f.min ?? "−∞"} and ${f.max ?? "∞"}`;
  if (f.op === "null" || f.op === "notnull") return `${f.c} ${FILTER_LABELS[f.op]}`;
  return `${f.c} ${FILTER_LABELS[f.op]} “${f.v ?? ""}”`;
}
