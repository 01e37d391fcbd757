import { parseAsBoolean, parseAsString, parseAsStringLiteral } from "nuqs";
import { CHANGE_FILTERS } from "@/components/manage/file-changes";

export const COMPARE_TABS = ["files", "metadata", "description"] as const;

/** The compare view's state, all in the URL: versions, tab, change filter, page cursor, unchanged keys shown, open diff. */
export const compareParams = {
  a: parseAsString,
  b: parseAsString,
  tab: parseAsStringLiteral(COMPARE_TABS).withDefault("files"),
  filter: parseAsStringLiteral(CHANGE_FILTERS).withDefault("all"),
  after: parseAsString,
  same: parseAsBoolean.withDefault(false),
  /** The changed file whose line diff is open. */
  diff: parseAsString,
};
