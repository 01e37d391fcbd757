"use client";

import { useCallback, useState } from "react";
import type { Undoable } from "@/components/ui/undo-toast";

/**
 * The undo toast's state for an editor: `offer` shows "message · Undo" after a save; an undo the
 * server refuses (someone edited since: a stale revision) lands in `error` instead of vanishing.
 */
export function useUndoOffer() {
  const [toast, setToast] = useState<Undoable | null>(null);
  const [error, setError] = useState<unknown>(null);
  const close = useCallback(() => setToast(null), []);
  const offer = useCallback((message: string, undo: (() => Promise<unknown>) | null) => {
    setError(null);
    setToast(undo ? { message, undo: () => void undo().catch(setError) } : null);
  }, []);
  return { toast, close, offer, error };
}
