"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useCan } from "@/components/access/role";
import { JsonTree } from "@/components/common/json-tree";
import { Button } from "@/components/ui/button";
import { EmptyState, InlineError, Skeleton } from "@/components/ui/states";
import { UndoToast } from "@/components/ui/undo-toast";
import { parseMetadataInput } from "@/lib/json-input";
import { useUndoOffer } from "./use-undo-offer";
import { useVersion, type VersionProps } from "./use-version";

// CodeMirror needs the DOM: load it in the browser only, and only when someone edits.
const JsonEditor = dynamic(() => import("@/components/common/json-editor"), { ssr: false, loading: () => <Skeleton rows={6} label="Loading editor" /> });

type Mode = "merge" | "replace";

/** The metadata as a tree, and an editor that validates before saving (merge keys, or replace all). */
export function MetadataPanel(props: VersionProps) {
  const { version, stable, saveUndoable } = useVersion(props);
  const undo = useUndoOffer();
  const [text, setText] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>("merge");
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const parsed = text === null ? null : parseMetadataInput(text);
  const canEdit = useCan("edit");
  const editable = version.state === "COMMITTED" && canEdit;

  function start(next: Mode) {
    setMode(next);
    setError(null);
    setText(next === "replace" ? JSON.stringify(version.metadata, null, 2) : "{\n  \n}");
  }

  async function submit() {
    if (!parsed?.ok) return;
    setSaving(true);
    setError(null);
    try {
      const revert = await saveUndoable({ metadata: parsed.value, replaceMetadata: mode === "replace" });
      setText(null);
      undo.offer(`${mode === "replace" ? "Replaced" : "Changed"} the metadata of ${props.name}:${stable}`, revert);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      <section aria-label="Metadata" className="min-w-0 rounded-lg border border-border bg-panel p-4">
        <h2 className="mb-2 text-xs font-medium text-muted uppercase">Metadata</h2>
        {Object.keys(version.metadata).length === 0 ? (
          <EmptyState title="No metadata">{editable ? "Add keys such as accuracy or dataset size with the editor." : null}</EmptyState>
        ) : (
          <JsonTree value={version.metadata} label="Metadata tree" />
        )}
      </section>
      <section aria-label="Edit metadata" className="min-w-0 space-y-2">
        <InlineError error={undo.error} />
        <UndoToast toast={undo.toast} onDone={undo.close} />
        {!canEdit ? (
          <p className="text-muted">You can read this metadata; changing it needs the editor role on {props.p.entity}/{props.p.project}.</p>
        ) : !editable ? (
          <p className="text-muted">Only committed versions can be edited.</p>
        ) : text === null ? (
          <div className="flex gap-2">
            <Button onClick={() => start("merge")}>Add or change keys</Button>
            <Button onClick={() => start("replace")}>Edit all metadata</Button>
          </div>
        ) : (
          <>
            <div role="radiogroup" aria-label="How to save" className="flex gap-3 text-xs">
              <label className="flex items-center gap-1">
                <input type="radio" name="mode" checked={mode === "merge"} onChange={() => setMode("merge")} /> Merge: keys here replace the same keys, others stay
              </label>
              <label className="flex items-center gap-1">
                <input type="radio" name="mode" checked={mode === "replace"} onChange={() => setMode("replace")} /> Replace all metadata
              </label>
            </div>
            <JsonEditor value={text} onChange={setText} label="Metadata JSON" />
            {parsed && !parsed.ok ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {parsed.error}
              </p>
            ) : null}
            <InlineError error={error} />
            <div className="flex gap-2">
              <Button variant="primary" onClick={() => void submit()} disabled={!parsed?.ok || saving}>
                {saving ? "Saving…" : mode === "merge" ? "Merge into metadata" : "Replace metadata"}
              </Button>
              <Button onClick={() => setText(null)} disabled={saving}>
                Cancel
              </Button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
