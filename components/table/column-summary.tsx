"use client";

import type { RouterOutputs } from "@/components/router-types";
import type { UrlFilter } from "./search-params";

export type ColumnSummary = RouterOutputs["tables"]["summary"]["columns"][number];

const SHOWN_VALUES = 3;

/** Short numbers for axis labels: integers as they are, others to four significant digits. */
export function formatStat(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  return Number(x.toPrecision(4)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

const percent = (part: number, whole: number) => (whole === 0 ? "0%" : `${part / whole < 0.001 && part > 0 ? "<0.1" : ((100 * part) / whole).toFixed(part === whole ? 0 : 1)}%`);

/**
 * A column's summary over the whole table, under its header (as the Hugging Face viewer shows it):
 * a histogram for numbers, the most frequent values for strings and booleans (each one a filter),
 * and how many cells are null.
 */
export function ColumnSummaryView({ summary, rows, onFilter }: { summary: ColumnSummary; rows: number; onFilter: (f: UrlFilter) => void }) {
  return (
    <div className="flex h-full flex-col justify-between gap-1 text-[11px] font-normal text-muted">
      {summary.histogram ? <HistogramView name={summary.name} histogram={summary.histogram} /> : null}
      {summary.top ? <TopValuesView summary={summary} rows={rows} onFilter={onFilter} /> : null}
      {!summary.histogram && !summary.top ? <p>{summary.type === "image" || summary.type === "media" ? "files" : summary.type === "json" ? "nested values" : "no values"}</p> : null}
      <p>{summary.nulls === 0 ? "no nulls" : `${summary.nulls.toLocaleString("en-US")} null (${percent(summary.nulls, rows)})`}</p>
    </div>
  );
}

function HistogramView({ name, histogram }: { name: string; histogram: NonNullable<ColumnSummary["histogram"]> }) {
  const { min, max, width, counts } = histogram;
  const top = Math.max(1, ...counts);
  const label = `${name}: histogram of ${counts.length} bins from ${formatStat(min)} to ${formatStat(max)}`;
  return (
    <div>
      <svg role="img" aria-label={label} viewBox={`0 0 ${counts.length * 10} 40`} preserveAspectRatio="none" className="block h-9 w-full">
        {counts.map((c, i) => {
          const lo = min + i * width;
          const h = c === 0 ? 0 : Math.max(1.5, (40 * c) / top);
          return (
            <rect key={i} x={i * 10 + 0.5} y={40 - h} width={9} height={h} className="fill-accent opacity-70 hover:opacity-100">
              <title>{`${formatStat(lo)} – ${formatStat(i === counts.length - 1 ? max : lo + width)}: ${c.toLocaleString("en-US")} rows`}</title>
            </rect>
          );
        })}
      </svg>
      <p className="flex justify-between gap-2 tabular-nums">
        <span>{formatStat(min)}</span>
        <span>{formatStat(max)}</span>
      </p>
    </div>
  );
}

function TopValuesView({ summary, rows, onFilter }: { summary: ColumnSummary; rows: number; onFilter: (f: UrlFilter) => void }) {
  const top = summary.top!;
  if (summary.type !== "bool" && top.values[0]?.count === 1) {
    return <p>{`${top.distinct.toLocaleString("en-US")} distinct values (all different)`}</p>;
  }
  const shown = top.values.slice(0, SHOWN_VALUES);
  const rest = top.distinct - shown.length;
  return (
    <div className="space-y-0.5">
      <ul className="space-y-0.5">
        {shown.map((v) => {
          const text = String(v.value);
          return (
            <li key={text}>
              <button
                type="button"
                title={`Filter: ${summary.name} equals “${text}” (${v.count.toLocaleString("en-US")} rows)`}
                onClick={() => onFilter({ c: summary.name, op: "eq", v: text })}
                className="relative flex w-full items-center justify-between gap-2 overflow-hidden rounded px-1 text-left text-text hover:ring-1 hover:ring-accent"
              >
                <span aria-hidden className="absolute inset-y-0 left-0 bg-accent-soft" style={{ width: `${(100 * v.count) / Math.max(1, rows)}%` }} />
                <span className="relative min-w-0 truncate">{text}</span>
                <span className="relative shrink-0 tabular-nums text-muted">{percent(v.count, rows)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {rest > 0 ? <p>{`+${rest.toLocaleString("en-US")} more value${rest === 1 ? "" : "s"}`}</p> : null}
    </div>
  );
}
