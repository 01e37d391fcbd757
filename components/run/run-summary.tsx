import { JsonTree } from "@/components/common/json-tree";

/**
 * A run's final summary metrics (what `wandb` reports as `run.summary`): one row per metric, the
 * client's own bookkeeping (`_step`, `_runtime`, `_timestamp`) folded into one line under the table.
 */
export function RunSummary({ summary }: { summary: Record<string, unknown> }) {
  const metrics = Object.entries(summary).filter(([key]) => !key.startsWith("_"));
  const step = summary._step;
  const runtime = summary._runtime;
  // A plain line, not an empty-state box: the overview stays one compact header either way.
  if (metrics.length === 0) return <p className="text-sm text-muted">No summary metrics recorded.</p>;
  return (
    <div>
      <table className="w-full text-sm">
        <caption className="sr-only">Summary metrics</caption>
        <tbody>
          {metrics.map(([key, value]) => (
            <tr key={key} className="border-b border-border last:border-0">
              <th scope="row" className="py-1 pr-4 text-left font-mono text-[12.5px] font-normal text-accent">
                {key}
              </th>
              <td className="py-1 text-right font-mono text-[12.5px] tabular-nums">{value !== null && typeof value === "object" ? <JsonTree value={value} label={key} /> : formatValue(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {typeof step === "number" || typeof runtime === "number" ? (
        <p className="mt-2 text-xs text-muted">
          {typeof step === "number" ? `${step + 1} logged step${step === 0 ? "" : "s"}` : null}
          {typeof step === "number" && typeof runtime === "number" ? " · " : null}
          {typeof runtime === "number" ? `ran ${runtime} s` : null}
        </p>
      ) : null}
    </div>
  );
}

function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, "");
  return JSON.stringify(value);
}
