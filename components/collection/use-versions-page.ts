"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import type { ProjectRef } from "@/lib/routes";
import { useGridParams } from "./grid-params";

export type VersionRow = RouterOutputs["collections"]["versions"]["rows"][number];

export const PAGE_SIZE = 50;

/** `v3`, or `draft-12` for a version that has no number yet. */
export const versionLabel = (r: VersionRow) => r.version ?? `draft-${r.id}`;

/** One server page of the collection's versions, for the sort, filters and cursor in the URL. */
export function useVersionsPage(p: ProjectRef, name: string) {
  const trpc = useTRPC();
  const [params] = useGridParams();
  return useQuery(
    trpc.collections.versions.queryOptions(
      {
        ...p,
        name,
        query: {
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
        },
      },
      { placeholderData: keepPreviousData },
    ),
  );
}
