"use client";

import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";

export const SORT_KEYS = ["version", "created", "size"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const STATES = ["COMMITTED", "PENDING", "DELETED", "all"] as const;
export const ALIAS_FILTERS = ["any", "with", "without"] as const;

const parsers = {
  sort: parseAsStringLiteral(SORT_KEYS).withDefault("version"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
  state: parseAsStringLiteral(STATES).withDefault("COMMITTED"),
  alias: parseAsStringLiteral(ALIAS_FILTERS).withDefault("any"),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
  meta: parseAsString.withDefault(""),
  page: parseAsString.withDefault("first"),
};

export type GridParams = ReturnType<typeof useGridParams>[0];

/** True when any filter differs from the default view (committed versions, any aliases, no dates, no metadata query). */
export function hasActiveFilters(params: GridParams): boolean {
  return params.state !== "COMMITTED" || params.alias !== "any" || params.from !== "" || params.to !== "" || params.meta !== "";
}

/** The versions grid's sort, filters and page, kept in the URL (pushed, so Back returns to the previous page). */
export function useGridParams() {
  return useQueryStates(parsers, { history: "push" });
}
