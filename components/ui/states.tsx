import type { ReactNode } from "react";

/** Shown while data loads: a calm shimmer of the right height instead of a spinner jumping around. */
export function Skeleton({ rows = 3, label = "Loading" }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-2 py-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-5 animate-pulse rounded bg-border/60" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** An empty list: say what is missing and what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-border bg-panel px-6 py-8 text-center">
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-2 text-muted">{children}</div> : null}
    </div>
  );
}

/** A server refusal or failure in words; `retry` re-runs the query. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
      <p className="font-medium">Something went wrong</p>
      <p className="mt-1 text-sm">{errorMessage(error)}</p>
      {retry ? (
        <button type="button" onClick={retry} className="mt-2 text-sm underline">
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** The store's typed errors arrive with a sentence already written for people; anything else gets a generic one. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string" && error.message) return error.message;
  return "The server did not answer. Check that Arca is running and reload the page.";
}

/** A one-line inline error under a form field or next to a button. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-300">
      {errorMessage(error)}
    </p>
  );
}
