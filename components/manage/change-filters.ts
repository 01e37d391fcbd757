// Shared by the compare page's URL parsers (server and client) and its file list (client).
export type ChangeFilter = "all" | "added" | "removed" | "changed";
export const CHANGE_FILTERS: ChangeFilter[] = ["all", "added", "removed", "changed"];
/** Changed files per page of the compare view. */
export const CHANGES_PAGE = 100;
