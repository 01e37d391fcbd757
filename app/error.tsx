"use client";

import { ErrorState } from "@/components/ui/states";

/** Unexpected failures of a page: say it in words, and offer to retry. */
export default function PageError({ error, reset }: { error: Error; reset: () => void }) {
  return <ErrorState error={error} retry={reset} />;
}
