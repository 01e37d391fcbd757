/** "3 minutes ago"-style ages and "1.2 MiB"-style sizes, the same on server and client. */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  const steps: [number, string][] = [
    [60, "second"],
    [60, "minute"],
    [24, "hour"],
    [30, "day"],
    [12, "month"],
  ];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (value < size) return value <= 1 && unit === "second" ? "just now" : `${value} ${unit}${value === 1 ? "" : "s"} ago`;
    value = Math.floor(value / size);
  }
  return `${value} year${value === 1 ? "" : "s"} ago`;
}

// Bytes and plurals come from lib/: the CLI prints the same figures.
export { formatBytes, plural } from "@/lib/units";
