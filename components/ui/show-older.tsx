import type { ReactNode } from "react";
import { Button } from "./button";

/** The keyset list's "Show older" button (an infinite query's next page), or `end` once there is none. */
export function ShowOlder({
  query,
  end = null,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  end?: ReactNode;
}) {
  if (!query.hasNextPage) return end;
  return (
    <div className="flex justify-center">
      <Button size="sm" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? "Loading…" : "Show older"}
      </Button>
    </div>
  );
}
