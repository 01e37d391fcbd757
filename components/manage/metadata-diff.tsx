"use client";

import { formatValue } from "./format-delta";
import type { RouterOutputs } from "@/components/router-types";

type MetadataChange = RouterOutputs["compare"]["summary"]["metadata"][number];

const ROW_TONE: Record<MetadataChange["kind"], { a: string; b: string; label: string }> = {
  added: { a: "", b: "bg-emerald-50 dark:bg-emerald-950/40", label: "added" },
  removed: { a: "bg-red-50 dark:bg-red-950/40", b: "", label: "removed" },
  changed: { a: "bg-amber-50 dark:bg-amber-950/40", b: "bg-amber-50 dark:bg-amber-950/40", label: "changed" },
  unchanged: { a: "", b: "", label: "" },
};

/** Metadata side by side, one row per key path; changed keys are tinted and labelled, unchanged ones optional. */
export function MetadataDiff({
  changes,
  aLabel,
  bLabel,
  showUnchanged,
  onShowUnchanged,
}: {
  changes: MetadataChange[];
  aLabel: string;
  bLabel: string;
  showUnchanged: boolean;
  onShowUnchanged: (show: boolean) => void;
}) {
  const differing = changes.filter((c) => c.kind !== "unchanged").length;
  const rows = showUnchanged ? changes : changes.filter((c) => c.kind !== "unchanged");
  return (
    <div>
      <div className="mb-2 flex items-center justify-between">
        <p className="text-muted">
          {differing === 0 ? "No metadata key differs." : `${differing} of ${changes.length} keys differ.`}
        </p>
        <label className="flex items-center gap-1.5 text-xs text-muted">
          <input type="checkbox" checked={showUnchanged} onChange={(e) => onShowUnchanged(e.target.checked)} />
          Show unchanged keys
        </label>
      </div>
      {rows.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full table-fixed text-left text-[13px]" aria-label="Metadata side by side">
            <thead className="text-xs text-muted">
              <tr>
                <th className="w-1/4 px-3 py-2 font-normal">Key</th>
                <th className="px-3 py-2 font-normal">{aLabel}</th>
                <th className="px-3 py-2 font-normal">{bLabel}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const tone = ROW_TONE[c.kind];
                return (
                  <tr key={c.key.join("\u0000")} className="border-t border-border align-top" data-kind={c.kind}>
                    <th scope="row" className="px-3 py-1.5 font-mono font-normal break-all">
                      {c.key.join(".")}
                      {tone.label ? <span className="ml-2 text-xs text-muted">{tone.label}</span> : null}
                    </th>
                    <td className={`px-3 py-1.5 font-mono break-all ${tone.a}`}>{c.kind === "added" ? <span className="text-muted">—</span> : formatValue(c.before)}</td>
                    <td className={`px-3 py-1.5 font-mono break-all ${tone.b}`}>{c.kind === "removed" ? <span className="text-muted">—</span> : formatValue(c.after)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
