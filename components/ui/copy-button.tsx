"use client";

import { useEffect, useState } from "react";

/**
 * Copies `text`; says "Copied" for a moment (announced politely). Clipboard access needs https or
 * loopback: where it is refused the button says so and the text stays selectable.
 */
export function CopyButton({ text, label, className = "" }: { text: string; label: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
      className={`shrink-0 rounded border border-border bg-panel px-1.5 py-0.5 text-xs text-muted hover:border-accent hover:text-accent ${className}`}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}</span>
    </button>
  );
}
