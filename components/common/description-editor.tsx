"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/states";
import { MarkdownText } from "./rendered-markdown";

/**
 * A markdown description shown rendered and edited in place. `save` rejects with the server's
 * message; the draft stays in the editor so nothing typed is lost.
 */
export function DescriptionEditor({ value, save, emptyText, disabled }: { value: string; save: (next: string) => Promise<unknown>; emptyText: string; disabled?: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit() {
    if (draft === null) return;
    setSaving(true);
    setError(null);
    try {
      await save(draft);
      setDraft(null);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  if (draft === null) {
    return (
      <div className="group relative">
        {value ? <MarkdownText>{value}</MarkdownText> : <p className="text-muted italic">{emptyText}</p>}
        {disabled ? null : (
          <Button size="sm" variant="ghost" className="mt-1" onClick={() => setDraft(value)} aria-label="Edit description">
            Edit description
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <textarea
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit();
          if (e.key === "Escape") setDraft(null);
        }}
        rows={Math.min(20, Math.max(4, draft.split("\n").length + 1))}
        aria-label="Description (markdown)"
        autoFocus
        className="w-full rounded-md border border-border bg-panel p-2 font-mono text-[13px]"
        placeholder="Describe this in markdown: what it contains, how it was made, how to use it."
      />
      <InlineError error={error} />
      <div className="flex items-center gap-2">
        <Button variant="primary" size="sm" onClick={() => void submit()} disabled={saving}>
          {saving ? "Saving…" : "Save description"}
        </Button>
        <Button size="sm" onClick={() => setDraft(null)} disabled={saving}>
          Cancel
        </Button>
        <span className="text-xs text-muted">Markdown · Ctrl+Enter saves · Esc cancels</span>
      </div>
    </div>
  );
}
