import { dehydrate, HydrationBoundary, QueryClient, type FetchInfiniteQueryOptions, type FetchQueryOptions } from "@tanstack/react-query";
import type { TRPCInfiniteQueryOptions, TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { getRequestContext } from "./server-api";
import { appRouter } from "@/server/trpc/root";

// One query client per page request (React's `cache` is per request on the server); the context is serverApi's.
// A page reads a prefetched answer from it (`getQueryData`) when what it asks next depends on it.
export const getQueryClient = cache(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } }));

/**
 * The same query options as `useTRPC()` in client components, answered in-process as the request's user:
 * a page prefetches what its first paint shows, so the HTML arrives with the data instead of a skeleton
 * and a second round trip (issue 13).
 */
export const trpcServer = createTRPCOptionsProxy({ router: appRouter, ctx: getRequestContext, queryClient: getQueryClient });

/**
 * Runs the queries on the server and renders `children` with their results in the client's cache. A query
 * that fails is left out: the client component asks again and shows its own error state.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any procedure's options, as tRPC's own docs type them
type AnyQueryOptions = ReturnType<TRPCQueryOptions<any>> | ReturnType<TRPCInfiniteQueryOptions<any>>;

export async function Prefetched({ queries, children }: { queries: AnyQueryOptions[]; children: ReactNode }) {
  await prefetch(queries);
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * Runs the queries into the request's cache (never throws). A page that awaits something else first can start
 * them alongside it; the <Prefetched> that renders them then finds them done (or joins the ones in flight).
 */
export async function prefetch(queries: AnyQueryOptions[]): Promise<void> {
  const client = getQueryClient();
  // The options come from trpcServer: their key and function are what prefetchQuery expects.
  await Promise.all(
    queries.map((q) => ((q.queryKey[1] as { type?: string } | undefined)?.type === "infinite" ? client.prefetchInfiniteQuery(q as FetchInfiniteQueryOptions) : client.prefetchQuery(q as FetchQueryOptions))),
  );
}
