/** A determinate progress bar with its numbers in words for screen readers. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
        className="h-2 w-full overflow-hidden rounded-full bg-border/70"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-muted tabular-nums">
        {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} ({pct}%)
      </p>
    </div>
  );
}
