import type { Metadata } from "next";
import { createLoader, type SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { getQueryClient, prefetch, Prefetched, trpcServer } from "@/app/_lib/prefetch";
import { CHANGES_PAGE } from "@/components/manage/change-filters";
import { Skeleton } from "@/components/ui/states";
import { CompareClient } from "./client";
import { compareParams, comparePair, defaultsInput } from "./search-params";

const loadCompareParams = createLoader(compareParams);

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Compare ${(await params).name} · Arca` };
}

/**
 * What the compare view shows first, asked on the server so the HTML has the comparison (issue 13): the two
 * newest versions when the URL names no pair, then the pair's summary, its first page of changes and an open diff.
 */
async function firstPaintQueries(p: { entity: string; project: string }, name: string, state: Awaited<ReturnType<typeof loadCompareParams>>) {
  const defaults = trpcServer.compare.versionOptions.queryOptions(defaultsInput(p, name));
  const needDefaults = !state.a || !state.b;
  if (needDefaults) await prefetch([defaults]);
  const { a, b } = comparePair(state, needDefaults ? getQueryClient().getQueryData(defaults.queryKey)?.items : undefined);
  if (!a || !b) return needDefaults ? [defaults] : [];
  const pair = { ...p, name, a, b };
  return [
    ...(needDefaults ? [defaults] : []),
    trpcServer.compare.summary.queryOptions(pair),
    ...(state.tab === "files" ? [trpcServer.compare.files.queryOptions({ ...pair, filter: state.filter, cursor: state.after, limit: CHANGES_PAGE })] : []),
    ...(state.tab === "files" && state.diff ? [trpcServer.compare.fileDiff.queryOptions({ ...pair, path: state.diff })] : []),
  ];
}

export default async function ComparePage({ params, searchParams }: { params: Promise<{ entity: string; project: string; name: string }>; searchParams: Promise<SearchParams> }) {
  const { entity, project, name } = await params;
  const p = { entity, project };
  const queries = await firstPaintQueries(p, name, await loadCompareParams(searchParams));
  return (
    <Suspense fallback={<Skeleton rows={6} label="Loading comparison" />}>
      <Prefetched queries={queries}>
        <CompareClient p={p} name={name} />
      </Prefetched>
    </Suspense>
  );
}
