import { formatAge } from "@/components/format";

/**
 * "3 minutes ago", with the exact time on hover. The server and the browser render it a moment
 * apart, so the text may differ by a second at hydration: that difference is expected.
 */
export function Age({ iso, prefix = "" }: { iso: string; prefix?: string }) {
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString("en-US", { timeZone: "UTC" }) + " UTC"} suppressHydrationWarning>
      {prefix}
      {formatAge(iso)}
    </time>
  );
}
