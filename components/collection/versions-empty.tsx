"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { hasActiveFilters, useGridParams } from "./grid-params";

/**
 * No row on this page. With a filter set, offer to clear it; with none, the collection has no committed
 * version (only drafts, or everything deleted): say so and show where those are, rather than blaming filters.
 */
export function VersionsEmpty({ p }: { p: ProjectRef }) {
  const [params, setParams] = useGridParams();
  if (hasActiveFilters(params)) {
    return (
      <EmptyState title="No version matches these filters">
        <Button size="sm" variant="ghost" onClick={() => void setParams({ state: null, alias: null, from: null, to: null, meta: null, page: null })}>
          Clear filters
        </Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No committed version yet">
      <p>Drafts and deleted versions are hidden from this list.</p>
      <p className="mt-2 flex justify-center gap-3">
        <Button size="sm" onClick={() => void setParams({ state: "PENDING", page: null })}>
          Show drafts
        </Button>
        <Button size="sm" onClick={() => void setParams({ state: "all", page: null })}>
          Show all states
        </Button>
        <Link href={routes.drafts(p)} className="self-center text-accent hover:underline">
          Project drafts
        </Link>
      </p>
    </EmptyState>
  );
}
