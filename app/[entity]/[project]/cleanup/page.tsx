import type { Metadata } from "next";
import { createLoader, type SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { Skeleton } from "@/components/ui/states";
import { CleanupClient } from "./client";
import { cleanupParams } from "./search-params";

const loadCleanupParams = createLoader(cleanupParams);

export const metadata: Metadata = { title: "Clean up · Arca" };

export default async function CleanupPage({ params, searchParams }: { params: Promise<{ entity: string; project: string }>; searchParams: Promise<SearchParams> }) {
  const { entity, project } = await params;
  const p = { entity, project };
  // The criteria form and the storage panel (a running job's page shows its progress instead).
  const { job } = await loadCleanupParams(searchParams);
  return (
    <Suspense fallback={<Skeleton rows={6} label="Loading cleanup" />}>
      <Prefetched queries={job ? [] : [trpcServer.projects.collections.queryOptions(p), trpcServer.cleanup.storage.queryOptions(p)]}>
        <CleanupClient p={p} />
      </Prefetched>
    </Suspense>
  );
}
