"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useId, useRef, useState } from "react";
import { formatAge, formatBytes } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import type { ProjectRef } from "@/lib/routes";

/**
 * A searchable version select fed by a keyset-paged query: it never holds more versions than the
 * user scrolled to. Typing `v12`, `12` or the start of an alias searches the server; Enter on
 * text that matches nothing still uses it, so `draft-7` or any alias works too.
 */
export function VersionPicker({
  p,
  name,
  label,
  value,
  onChange,
}: {
  p: ProjectRef;
  name: string;
  label: string;
  value: string | null;
  onChange: (selector: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const query = useDeferredValue(text.trim());
  const options = useInfiniteQuery({
    ...trpc.compare.versionOptions.infiniteQueryOptions({ ...p, name, query, limit: 30 }, { getNextPageParam: (last) => last.nextCursor }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const items = options.data?.pages.flatMap((page) => page.items) ?? [];
  // While the server's answer for what was just typed is on its way, the list shows the previous one.
  const stale = options.isPlaceholderData || query !== text.trim();
  useEffect(() => {
    if (open) document.getElementById(`${id}-opt-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [open, active, id]);

  function choose(selector: string) {
    onChange(selector);
    setOpen(false);
    setText("");
    inputRef.current?.blur();
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(items.length - 1, 0)));
      // Arrowing to the end of what is loaded fetches the next page.
      if (active >= items.length - 2 && options.hasNextPage && !options.isFetchingNextPage) void options.fetchNextPage();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      // Enter on a list that is still the previous query's would pick a version the user never saw
      // highlighted: then take the first shown option that matches what was typed, else the text itself.
      const typed = text.trim();
      const pick = stale
        ? (items.find((o) => o.selector === typed || o.aliases.includes(typed)) ?? items.find((o) => o.selector.startsWith(typed) || o.aliases.some((a) => a.startsWith(typed))))
        : items[active];
      if (open && pick) choose(pick.selector);
      else if (text.trim()) choose(text.trim());
    } else if (e.key === "Escape") {
      setOpen(false);
      setText("");
    }
  }

  const listId = `${id}-list`;
  return (
    <div className="relative w-64">
      <label htmlFor={`${id}-input`} className="mb-1 block text-xs font-medium text-muted">
        {label}
      </label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && items[active] ? `${id}-opt-${active}` : undefined}
        value={open ? text : (value ?? "")}
        placeholder={value ?? "Pick a version"}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-border bg-panel px-2 py-1.5 font-mono text-sm"
        autoComplete="off"
        spellCheck={false}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} options`}
          // Keep focus in the input while clicking an option.
          onMouseDown={(e) => e.preventDefault()}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-border bg-panel py-1 shadow-lg"
        >
          {options.isError ? <li className="px-2 py-1 text-xs text-red-700 dark:text-red-300">{options.error.message}</li> : null}
          {options.isPending ? <li className="px-2 py-1 text-xs text-muted">Loading versions…</li> : null}
          {!options.isPending && items.length === 0 && !options.isError ? (
            <li className="px-2 py-1 text-xs text-muted">{query ? `No version or alias starts with “${query}”. Enter uses it as typed.` : "No committed versions."}</li>
          ) : null}
          {items.map((o, i) => (
            <li
              key={o.selector}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onClick={() => choose(o.selector)}
              onMouseEnter={() => setActive(i)}
              className={`flex cursor-pointer items-baseline gap-2 px-2 py-1 text-sm ${i === active ? "bg-accent-soft" : ""}`}
            >
              <span className="font-mono">{o.selector}</span>
              <span className="min-w-0 flex-1 truncate text-xs text-accent">{o.aliases.join(", ")}</span>
              <span className="text-xs text-muted whitespace-nowrap">
                {formatBytes(o.size)} · {formatAge(o.createdAt)}
              </span>
            </li>
          ))}
          {options.hasNextPage ? (
            <li>
              <button type="button" tabIndex={-1} className="w-full px-2 py-1 text-left text-xs text-accent hover:underline" onClick={() => void options.fetchNextPage()}>
                {options.isFetchingNextPage ? "Loading…" : "Load older versions"}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
