"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { plural } from "@/components/format";
import { InlineError } from "@/components/ui/states";
import type { ProjectRef } from "@/lib/routes";

export interface CleanupCriteriaForm {
  collection: string | null;
  type: string | null;
  keep: number;
  older: number | null;
  drafts: boolean;
}

const scopeValue = (c: CleanupCriteriaForm) => (c.collection ? `collection:${c.collection}` : c.type ? `type:${c.type}` : "project");

/** The criteria as a form; submitting it asks for the dry run. Nothing is deleted from here. */
export function CleanupForm({ p, initial, onPreview }: { p: ProjectRef; initial: CleanupCriteriaForm; onPreview: (c: CleanupCriteriaForm) => void }) {
  const trpc = useTRPC();
  const collections = useQuery(trpc.projects.collections.queryOptions(p));
  const [scope, setScope] = useState(scopeValue(initial));
  const [keep, setKeep] = useState(String(initial.keep));
  const [older, setOlder] = useState(initial.older === null ? "" : String(initial.older));
  const [drafts, setDrafts] = useState(initial.drafts);
  const [error, setError] = useState<string | null>(null);
  const types = [...new Set((collections.data ?? []).map((c) => c.type))].sort();

  function submit(e: FormEvent) {
    e.preventDefault();
    const keepN = Number(keep || "0");
    const olderN = older.trim() === "" ? null : Number(older);
    if (!Number.isInteger(keepN) || keepN < 0) return setError("“Keep the newest” must be a whole number, 0 or more.");
    if (olderN !== null && (!Number.isFinite(olderN) || olderN < 0)) return setError("“Older than” must be a number of days, 0 or more, or left empty.");
    setError(null);
    const [kind, ...rest] = scope.split(":");
    const value = rest.join(":");
    onPreview({ collection: kind === "collection" ? value : null, type: kind === "type" ? value : null, keep: keepN, older: olderN, drafts });
  }

  const field = "mt-1 block w-full rounded-md border border-border bg-bg px-2 py-1.5 text-sm";
  return (
    <form onSubmit={submit} aria-label="Cleanup criteria" className="space-y-4 rounded-lg border border-border bg-panel p-4">
      <p className="text-muted">
        Deletes <strong className="text-text">versions without an alias</strong>. Versions with an alias (<code>latest</code>, <code>best</code>, …) are never
        selected. Nothing is deleted until you confirm the dry run.
      </p>
      <div className="grid gap-4 sm:grid-cols-4">
        <label className="text-xs font-medium text-muted sm:col-span-2">
          Scope
          <select value={scope} onChange={(e) => setScope(e.target.value)} className={field} disabled={collections.isPending}>
            <option value="project">Every artifact in {p.project}</option>
            {types.length > 0 ? (
              <optgroup label="Every artifact of type">
                {types.map((t) => (
                  <option key={t} value={`type:${t}`}>
                    type: {t}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {collections.data && collections.data.length > 0 ? (
              <optgroup label="One artifact">
                {collections.data.map((c) => (
                  <option key={c.name} value={`collection:${c.name}`}>
                    {c.name} ({c.type}, {plural(c.versionCount, "version")})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {/* A collection named in the URL still shows while the list loads. */}
            {initial.collection && !collections.data ? <option value={`collection:${initial.collection}`}>{initial.collection}</option> : null}
          </select>
        </label>
        <label className="text-xs font-medium text-muted">
          Keep the newest (unaliased)
          <input type="number" min={0} step={1} inputMode="numeric" value={keep} onChange={(e) => setKeep(e.target.value)} className={field} />
        </label>
        <label className="text-xs font-medium text-muted">
          Only older than (days)
          <input type="number" min={0} step="any" placeholder="any age" value={older} onChange={(e) => setOlder(e.target.value)} className={field} />
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={drafts} onChange={(e) => setDrafts(e.target.checked)} />
        Also delete unfinished drafts (pending collaborative versions), subject to the age limit
      </label>
      {collections.isError ? <InlineError error={collections.error} /> : null}
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      <Button type="submit" variant="primary">
        Preview (dry run)
      </Button>
    </form>
  );
}
