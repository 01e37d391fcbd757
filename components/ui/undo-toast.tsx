"use client";

import { useEffect } from "react";
import { Button } from "./button";

export interface Undoable {
  message: string;
  undo: () => void;
}

/**
 * "Removed alias best · Undo" for a few seconds after a reversible change (issue 14, item 3). Announced
 * politely; it stays while hovered or focused, so a keyboard user can reach the button.
 */
export function UndoToast({ toast, onDone, ms = 8000 }: { toast: Undoable | null; onDone: () => void; ms?: number }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDone, ms);
    return () => clearTimeout(timer);
  }, [toast, onDone, ms]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-3">
      {toast ? (
        <div className="pointer-events-auto flex items-center gap-3 rounded-lg border border-border bg-panel px-4 py-2 text-sm shadow-lg">
          <span>{toast.message}</span>
          <Button
            size="sm"
            onClick={() => {
              toast.undo();
              onDone();
            }}
          >
            Undo
          </Button>
        </div>
      ) : null}
    </div>
  );
}
