import { parseAsString, parseAsStringLiteral } from "nuqs/server";
import type { ProjectRef } from "@/lib/routes";

// Shared by the drafts list (client) and its page (server), which prefetches the first page.
export const SORTS = ["oldest", "newest"] as const;
export const draftsParams = { sort: parseAsStringLiteral(SORTS).withDefault("oldest"), after: parseAsString };
export const DRAFTS_PAGE = 50;

export const draftsListInput = (p: ProjectRef, { sort, after }: { sort: (typeof SORTS)[number]; after: string | null }) => ({ ...p, sort, cursor: after, limit: DRAFTS_PAGE });
