"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useCan } from "@/components/access/role";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/states";
import { UndoToast, type Undoable } from "@/components/ui/undo-toast";
import { useVersion, type VersionProps } from "./use-version";

/**
 * Add, move and remove aliases. Adding an alias another version holds moves it: the editor says
 * where it is now and asks first. Removing `latest` also asks, since nothing else points there.
 */
export function AliasEditor(props: VersionProps) {
  const trpc = useTRPC();
  const { version, stable, save } = useVersion(props);
  const canEdit = useCan("edit");
  const held = useQuery(trpc.collections.aliases.queryOptions({ ...props.p, name: props.name }));
  const [draft, setDraft] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ kind: "move" | "remove"; alias: string; from?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [toast, setToast] = useState<Undoable | null>(null);
  const closeToast = useCallback(() => setToast(null), []);

  async function run(change: Parameters<typeof save>[0], undo?: Undoable) {
    setBusy(true);
    setError(null);
    try {
      await save(change, false);
      setToast(undo ?? null);
      setConfirm(null);
      setDraft(null);
      await held.refetch();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function add(alias: string) {
    const clean = alias.trim();
    if (!clean) return;
    const elsewhere = held.data?.find((a) => a.alias === clean && a.version !== stable);
    if (elsewhere) setConfirm({ kind: "move", alias: clean, from: elsewhere.version });
    else void run({ aliases: { add: [clean] } });
  }

  function remove(alias: string) {
    // Removing is one click, so it can be undone: the alias goes back where it was (if no one took it meanwhile, it is still free).
    const undo = { message: `Removed alias ${alias} from ${stable}`, undo: () => void run({ aliases: { add: [alias] } }) };
    if (alias === "latest") setConfirm({ kind: "remove", alias });
    else void run({ aliases: { remove: [alias] } }, undo);
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-1.5" aria-label="Aliases">
        {version.aliases.map((a) => (
          <span key={a} className="inline-flex items-center rounded bg-accent-soft text-xs font-medium text-accent">
            <span className="py-0.5 pl-1.5">{a}</span>
            {canEdit ? (
              <button type="button" onClick={() => remove(a)} aria-label={`Remove alias ${a}`} className="rounded px-1 py-0.5 hover:bg-accent hover:text-on-accent" disabled={busy}>
                ×
              </button>
            ) : (
              <span className="pr-1.5" />
            )}
          </span>
        ))}
        {!canEdit ? null : draft === null ? (
          <Button size="sm" variant="ghost" onClick={() => setDraft("")}>
            + Add alias
          </Button>
        ) : (
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              add(draft);
            }}
          >
            <input
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setDraft(null)}
              list="known-aliases"
              autoFocus
              aria-label="New alias"
              placeholder="best, production…"
              className="w-40 rounded border border-border bg-panel px-2 py-0.5 text-xs"
            />
            <datalist id="known-aliases">
              {held.data?.map((a) => (
                <option key={a.alias} value={a.alias}>
                  on {a.version}
                </option>
              ))}
            </datalist>
            <Button size="sm" variant="primary" type="submit" disabled={busy}>
              Add
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
              Cancel
            </Button>
          </form>
        )}
      </div>
      {confirm ? (
        <div role="alertdialog" aria-label="Confirm alias change" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
          {confirm.kind === "move" ? (
            <span>
              <b>{confirm.alias}</b> is on {props.name}:{confirm.from} now. Move it to {stable}?
            </span>
          ) : (
            <span>
              Remove <b>latest</b>? No version will be <code>latest</code> until the next one is logged.
            </span>
          )}
          <Button size="sm" variant="primary" disabled={busy} onClick={() => void run(confirm.kind === "move" ? { aliases: { add: [confirm.alias] } } : { aliases: { remove: [confirm.alias] } })}>
            {confirm.kind === "move" ? `Move ${confirm.alias} here` : "Remove latest"}
          </Button>
          <Button size="sm" onClick={() => setConfirm(null)}>
            Keep it
          </Button>
        </div>
      ) : null}
      <InlineError error={error} />
      <UndoToast toast={toast} onDone={closeToast} />
    </div>
  );
}
