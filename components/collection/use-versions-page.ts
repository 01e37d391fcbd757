"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import type { ProjectRef } from "@/lib/routes";
import { useGridParams } from "./grid-params";
import { PAGE_SIZE, toGridQuery } from "./grid-query";

export type VersionRow = RouterOutputs["collections"]["versions"]["rows"][number];

export { PAGE_SIZE };

/** `v3`, or `draft-12` for a version that has no number yet. */
export const versionLabel = (r: VersionRow) => r.version ?? `draft-${r.id}`;

/** One server page of the collection's versions, for the sort, filters and cursor in the URL. */
export function useVersionsPage(p: ProjectRef, name: string) {
  const trpc = useTRPC();
  const [params] = useGridParams();
  return useQuery(trpc.collections.versions.queryOptions({ ...p, name, query: toGridQuery(params) }, { placeholderData: keepPreviousData }));
}
