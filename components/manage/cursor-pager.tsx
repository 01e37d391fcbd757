import { Button } from "@/components/ui/button";

/**
 * Keyset pages go forward only: "Next" carries the cursor into the URL (so the back button
 * returns to the previous page), "First page" clears it.
 */
export function CursorPager({
  cursor,
  nextCursor,
  onChange,
  busy,
  label,
}: {
  cursor: string | null;
  nextCursor: string | null;
  onChange: (cursor: string | null) => void;
  busy?: boolean;
  label: string;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-2 pt-2">
      <Button size="sm" variant="ghost" disabled={!cursor || busy} onClick={() => onChange(null)}>
        First page
      </Button>
      <Button size="sm" disabled={!nextCursor || busy} onClick={() => onChange(nextCursor)}>
        Next page →
      </Button>
    </nav>
  );
}
