"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { InlineError } from "./states";

/**
 * A destructive action in a table row, asked twice: "Revoke…" opens a small inline dialog with
 * the consequence, the red button and Keep. Used for keys, sessions, members and users.
 */
export function InlineConfirm({
  trigger,
  triggerLabel,
  title,
  note,
  action,
  pending,
  error,
  onConfirm,
}: {
  /** The first button's text ("Revoke…") and its accessible name when the text is not enough. */
  trigger: ReactNode;
  triggerLabel?: string;
  /** The dialog's accessible name ("Delete user bob"). */
  title: string;
  /** What happens, in one short sentence. */
  note?: ReactNode;
  /** The red button's text. */
  action: ReactNode;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={triggerLabel}>
        {trigger}
      </Button>
    );
  }
  return (
    <span role="alertdialog" aria-label={title} className="inline-flex items-center gap-1.5">
      {note ? <span className="text-xs">{note}</span> : null}
      <Button size="sm" variant="danger" disabled={pending} onClick={onConfirm}>
        {action}
      </Button>
      <Button size="sm" onClick={() => setOpen(false)}>
        Keep
      </Button>
      <InlineError error={error} />
    </span>
  );
}
