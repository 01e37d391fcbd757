import { parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";

// Shared by the grid (client) and its page (server), so the page prefetches exactly the query the grid asks.
export const SORT_KEYS = ["version", "created", "size"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const STATES = ["COMMITTED", "PENDING", "DELETED", "all"] as const;
export const ALIAS_FILTERS = ["any", "with", "without"] as const;

export const PAGE_SIZE = 50;

/** The versions grid's URL state: sort, filters and page. */
export const gridParsers = {
  sort: parseAsStringLiteral(SORT_KEYS).withDefault("version"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
  state: parseAsStringLiteral(STATES).withDefault("COMMITTED"),
  alias: parseAsStringLiteral(ALIAS_FILTERS).withDefault("any"),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
  meta: parseAsString.withDefault(""),
  page: parseAsString.withDefault("first"),
};

export type GridParams = inferParserType<typeof gridParsers>;

/** The `collections.versions` query for the URL state. */
export function toGridQuery(params: GridParams) {
  return {
    sort: params.sort,
    dir: params.dir,
    state: params.state,
    alias: params.alias,
    createdFrom: params.from ? Date.parse(params.from) : undefined,
    // The "to" day is inclusive: everything before the next midnight.
    createdTo: params.to ? Date.parse(params.to) + 86_400_000 : undefined,
    meta: params.meta || undefined,
    page: params.page,
    limit: PAGE_SIZE,
  };
}
