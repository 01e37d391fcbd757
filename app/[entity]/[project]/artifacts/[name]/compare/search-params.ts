import { parseAsBoolean, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { CHANGE_FILTERS } from "@/components/manage/change-filters";

// Shared by the compare view (client) and its page (server), which prefetches what the view shows first.

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

/** Without both versions in the URL, the view compares the latest with the one before it (`newestFirst` as compare.versionOptions lists them). */
export function comparePair(state: { a: string | null; b: string | null }, newestFirst: readonly { selector: string }[] | undefined): { a: string | null; b: string | null } {
  const [newest, previous] = newestFirst ?? [];
  return { a: state.a ?? (newest ? (previous?.selector ?? newest.selector) : null), b: state.b ?? newest?.selector ?? null };
}

/** The two newest versions: what `comparePair` falls back on. */
export const defaultsInput = (p: { entity: string; project: string }, name: string) => ({ ...p, name, limit: 2 });
