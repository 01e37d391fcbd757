"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { plural } from "@/components/format";
import { useBrowserValue } from "@/components/use-browser-value";
import { useTRPC } from "@/components/trpc";
import { errorMessage } from "@/components/ui/states";
import { pageItems, paletteItems, projectOfPath, type PaletteItem } from "./palette-items";

/** Typing "/" in a field types a slash: only elsewhere does it open the palette. */
function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest(".cm-editor") !== null);
}

/**
 * Search everywhere (issue 14, item 2): ⌘K / Ctrl+K anywhere, or "/" outside a text field, opens a palette
 * over pages, projects, artifacts, aliases ("best → checkpoints:v35") and runs; ↑/↓ move, Enter opens.
 * A native modal <dialog>: focus stays inside it, Escape closes it and focus returns to where it was.
 */
export function CommandPalette({ accounts }: { accounts: boolean }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const mac = useBrowserValue(() => /Mac|iPhone|iPad/.test(navigator.platform), false);

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      const chord = (e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k";
      const slash = e.key === "/" && !e.metaKey && !e.ctrlKey && !e.altKey && !isEditable(e.target);
      if (chord || slash) {
        e.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts={mac ? "Meta+K /" : "Control+K /"}
        className="inline-flex items-center gap-2 rounded-md border border-border bg-bg px-2 py-1 text-xs text-muted hover:text-text sm:w-56"
      >
        <span>Search…</span>
        <kbd className="ml-auto hidden rounded border border-border px-1 font-sans text-[10px] sm:inline">{mac ? "⌘K" : "Ctrl K"}</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Search everywhere"
        onClose={() => setOpen(false)}
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        onClick={(e) => e.target === e.currentTarget && setOpen(false)}
        className="fixed inset-x-0 top-[12vh] mx-auto w-[min(40rem,calc(100vw-1.5rem))] rounded-lg border border-border bg-panel p-0 text-text shadow-2xl backdrop:bg-black/40"
      >
        {open ? <PaletteBody accounts={accounts} close={() => setOpen(false)} /> : null}
      </dialog>
    </>
  );
}

function PaletteBody({ accounts, close }: { accounts: boolean; close: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const here = projectOfPath(usePathname() ?? "/");
  const [q, setQ] = useState("");
  const deferred = useDeferredValue(q.trim());
  const [active, setActive] = useState(0);
  const listId = useId();
  const search = useQuery(
    trpc.search.everything.queryOptions({ q: deferred, near: here ?? undefined }, { enabled: deferred !== "", placeholderData: keepPreviousData, staleTime: 5_000 }),
  );
  const items = paletteItems(deferred, deferred ? search.data : undefined, pageItems(here, accounts));
  const current = Math.min(active, Math.max(items.length - 1, 0));

  function go(item: PaletteItem | undefined) {
    if (!item) return;
    close();
    router.push(item.href);
  }
  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + items.length) % Math.max(items.length, 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(items[current]);
    }
  }
  useEffect(() => {
    document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: "nearest" });
  }, [current, listId]);

  const groups = [...new Set(items.map((i) => i.group))];
  const searching = deferred !== "" && (search.isFetching || deferred !== q.trim());
  return (
    <div className="flex max-h-[70vh] flex-col">
      <input
        autoFocus
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={items.length ? `${listId}-${current}` : undefined}
        aria-autocomplete="list"
        aria-label="Search projects, artifacts, aliases, runs and pages"
        placeholder="Search projects, artifacts, aliases, runs…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        className="border-b border-border bg-transparent px-4 py-3 text-sm outline-none placeholder:text-muted"
      />
      <div id={listId} role="listbox" aria-label="Results" className="min-h-0 flex-1 overflow-y-auto py-1">
        {groups.map((group) => (
          <div key={group} role="group" aria-label={group}>
            <div aria-hidden className="px-4 pt-2 pb-1 text-[11px] font-medium text-muted uppercase">
              {group}
            </div>
            {items.map((item, i) =>
              item.group === group ? (
                <div
                  key={item.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === current}
                  onMouseMove={() => setActive(i)}
                  onClick={() => go(item)}
                  className={`flex cursor-pointer items-baseline gap-3 px-4 py-1.5 ${i === current ? "bg-accent-soft" : ""}`}
                >
                  <span className={`truncate ${group === "Pages" ? "" : "font-mono text-[13px]"}`}>{item.label}</span>
                  <span className="ml-auto shrink-0 truncate text-xs text-muted">{item.detail}</span>
                </div>
              ) : null,
            )}
          </div>
        ))}
      </div>
      <p role="status" className="flex items-center justify-between gap-3 border-t border-border px-4 py-2 text-xs text-muted">
        <span>
          {search.isError
            ? errorMessage(search.error)
            : searching
              ? "Searching…"
              : deferred && items.length === 0
                ? `Nothing matches “${deferred}”.`
                : deferred
                  ? plural(items.length, "result")
                  : "Type a name, an alias or a run id."}
        </span>
        <span className="hidden sm:inline">↑↓ move · Enter open · Esc close</span>
      </p>
    </div>
  );
}
