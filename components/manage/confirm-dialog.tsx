"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A modal confirmation on the native <dialog>: focus moves into it, Escape cancels, and the page
 * behind is inert. With `confirmText`, the action stays disabled until the user types it, for
 * deletions big enough that a stray Enter should not start them.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  confirmText,
  onConfirm,
  onCancel,
  busy,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmText?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped("");
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  const ready = confirmText === undefined || typed.trim() === confirmText;
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg border border-border bg-panel p-5 text-text shadow-xl backdrop:bg-black/40"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) onConfirm();
        }}
      >
        <h2 id="confirm-title" className="text-base font-semibold">
          {title}
        </h2>
        <div className="mt-2 space-y-2 text-sm text-muted">{children}</div>
        {confirmText !== undefined ? (
          <label className="mt-3 block text-sm">
            Type <span className="font-mono font-semibold text-text">{confirmText}</span> to confirm
            <input
              autoFocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="mt-1 block w-full rounded-md border border-border bg-bg px-2 py-1 font-mono"
              autoComplete="off"
            />
          </label>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={onCancel} autoFocus={confirmText === undefined}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!ready || busy}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
