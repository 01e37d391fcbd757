"use client";

import { Button } from "@/components/ui/button";
import { useGridParams } from "./grid-params";

/** Keyset paging: first, the page before/after the cursors the server returned, last. */
export function VersionsPager({ prevCursor, nextCursor }: { prevCursor: string | null; nextCursor: string | null }) {
  const [, setParams] = useGridParams();
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      <Button size="sm" disabled={!prevCursor} onClick={() => void setParams({ page: null })}>
        « First
      </Button>
      <Button size="sm" disabled={!prevCursor} onClick={() => void setParams({ page: `before:${prevCursor}` })}>
        ‹ Previous
      </Button>
      <Button size="sm" disabled={!nextCursor} onClick={() => void setParams({ page: `after:${nextCursor}` })}>
        Next ›
      </Button>
      <Button size="sm" disabled={!nextCursor} onClick={() => void setParams({ page: "last" })}>
        Last »
      </Button>
    </nav>
  );
}
