"use client";

import { useQueryStates } from "nuqs";
import { gridParsers, type GridParams } from "./grid-query";

export { ALIAS_FILTERS, SORT_KEYS, STATES, type GridParams, type SortKey } from "./grid-query";

/** True when any filter differs from the default view (committed versions, any aliases, no dates, no metadata query). */
export function hasActiveFilters(params: GridParams): boolean {
  return params.state !== "COMMITTED" || params.alias !== "any" || params.from !== "" || params.to !== "" || params.meta !== "";
}

/** The versions grid's sort, filters and page, kept in the URL (pushed, so Back returns to the previous page). */
export function useGridParams() {
  return useQueryStates(gridParsers, { history: "push" });
}
