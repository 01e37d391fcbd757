import type { Metadata } from "next";
import { createLoader, type SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { Skeleton } from "@/components/ui/states";
import { DraftsClient } from "./client";
import { draftsListInput, draftsParams } from "./drafts-query";

const loadDraftsParams = createLoader(draftsParams);

export const metadata: Metadata = { title: "Drafts · Arca" };

export default async function DraftsPage({ params, searchParams }: { params: Promise<{ entity: string; project: string }>; searchParams: Promise<SearchParams> }) {
  const { entity, project } = await params;
  const p = { entity, project };
  return (
    <Suspense fallback={<Skeleton rows={5} label="Loading drafts" />}>
      <Prefetched queries={[trpcServer.drafts.list.queryOptions(draftsListInput(p, await loadDraftsParams(searchParams)))]}>
        <DraftsClient p={p} />
      </Prefetched>
    </Suspense>
  );
}
