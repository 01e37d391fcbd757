import { formatBytes } from "@/components/format";

/** "+1.2 KiB", "−300 B" or "±0 B": a size change with its sign. */
export function formatDelta(bytes: number): string {
  if (bytes === 0) return "±0 B";
  return `${bytes > 0 ? "+" : "−"}${formatBytes(Math.abs(bytes))}`;
}

/** Metadata values shown in one line: strings quoted, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "";
  return JSON.stringify(value) ?? "null";
}
