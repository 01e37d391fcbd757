import { parseAsString } from "nuqs/server";
import type { ProjectRef } from "@/lib/routes";

// Shared by the project page's lists (client) and the page (server), which prefetches what they ask first.
export const COLLECTIONS_PAGE = 100;
export const RUNS_PAGE = 50;

/** The artifact browser's URL state: search text and type chip. */
export const browserParsers = { q: parseAsString.withDefault(""), type: parseAsString.withDefault("") };

export const collectionSearchInput = (p: ProjectRef, { q, type }: { q: string; type: string }) => ({ ...p, q: q || undefined, type: type || undefined, limit: COLLECTIONS_PAGE });
export const runsListInput = (p: ProjectRef) => ({ ...p, limit: RUNS_PAGE });

