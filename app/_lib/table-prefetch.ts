import { createLoader, type SearchParams } from "nuqs/server";
import { gridPage } from "@/components/table/grid-logic";
import { tableSearchParams } from "@/components/table/search-params";
import { getQueryClient, prefetch, trpcServer } from "./prefetch";

const loadTableParams = createLoader(tableSearchParams);

/**
 * What a TableGrid shows first, for <Prefetched>: the table's index status and, when it is indexed, the page of
 * rows the URL asks for. A table still being indexed shows its progress, as it would in the browser.
 */
export async function tableGridQueries(ref: { entity: string; project: string; name: string; version: string; path: string }, searchParams: SearchParams) {
  const status = trpcServer.tables.status.queryOptions(ref);
  await prefetch([status]);
  const answer = getQueryClient().getQueryData(status.queryKey);
  if (answer?.state !== "ready") return [status];
  return [status, trpcServer.tables.page.queryOptions(gridPage(ref, answer.columns, loadTableParams(searchParams)).input)];
}
