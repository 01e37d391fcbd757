"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { formatBytes, plural } from "@/components/format";
import { FileIcon, FolderIcon, LinkIcon } from "./icons";
import type { RouterOutputs } from "@/components/router-types";

export type TreeItem = RouterOutputs["files"]["list"]["items"][number];

const ROW_HEIGHT = 32;

/**
 * One folder's children as a virtualized list: only the visible rows exist in the DOM, and the
 * next page loads when the last loaded row scrolls into view. Keyboard: ↑/↓/Home/End/PageUp/
 * PageDown move, Enter or → opens, ← or Backspace goes to the parent folder. Rows are real links
 * (roving tabindex), so they can be opened in a new tab or copied.
 */
export function FileList({
  items,
  hasMore,
  loadingMore,
  loadMore,
  selectedFile,
  hrefFor,
  onOpen,
  onParent,
}: {
  items: TreeItem[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  selectedFile: string | null;
  hrefFor: (item: TreeItem) => string;
  onOpen: (item: TreeItem) => void;
  onParent: (() => void) | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedIndex = items.findIndex((i) => i.kind === "file" && i.path === selectedFile);
  const [active, setActive] = useState(Math.max(selectedIndex, 0));
  const focusAfterMove = useRef(false);
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 1) loadMore();
  }, [hasMore, loadingMore, lastIndex, items.length, loadMore]);

  // After a keyboard move: bring the row into view, then focus it once the virtualizer rendered it.
  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    virtualizer.scrollToIndex(activeIndex, { align: "auto" });
    const frame = requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row="${activeIndex}"]`)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [activeIndex, virtualizer]);

  const move = (to: number) => {
    focusAfterMove.current = true;
    setActive(Math.max(0, Math.min(items.length - 1, to)));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      ArrowRight: () => {
        const item = items[activeIndex];
        if (item) onOpen(item);
      },
      ArrowLeft: () => onParent?.(),
      Backspace: () => onParent?.(),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const onClick = (e: MouseEvent, item: TreeItem, index: number) => {
    // Modified clicks keep the browser's behaviour (new tab, new window); a plain click stays in the page.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    setActive(index);
    onOpen(item);
  };

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      className="max-h-[min(65vh,640px)] overflow-auto"
      role="list"
      aria-label="Files and folders"
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((row) => {
          const item = items[row.index];
          const style = { height: row.size, transform: `translateY(${row.start}px)` };
          if (!item) {
            return (
              <div key="more" role="listitem" className="absolute top-0 left-0 flex w-full items-center px-3 text-xs text-muted" style={style}>
                {loadingMore ? "Loading more…" : <button type="button" onClick={loadMore} className="underline">Load more</button>}
              </div>
            );
          }
          const selected = item.kind === "file" && item.path === selectedFile;
          return (
            <div key={item.path + item.kind} role="listitem" className="absolute top-0 left-0 w-full" style={style}>
              <a
                href={hrefFor(item)}
                data-row={row.index}
                tabIndex={row.index === activeIndex ? 0 : -1}
                onClick={(e) => onClick(e, item, row.index)}
                onFocus={() => setActive(row.index)}
                aria-current={selected ? "true" : undefined}
                className={`flex h-full items-center gap-2 px-3 outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-inset ${selected ? "bg-accent-soft text-text" : "hover:bg-bg"}`}
              >
                <ItemRow item={item} />
              </a>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function ItemRow({ item }: { item: TreeItem }) {
  if (item.kind === "folder") {
    return (
      <>
        <FolderIcon />
        <span className="min-w-0 flex-1 truncate font-medium">{item.name}/</span>
        <span className="shrink-0 text-xs text-muted tabular-nums">
          {item.countCapped ? `${item.fileCount.toLocaleString("en-US")}+ files` : plural(item.fileCount, "file")}
        </span>
      </>
    );
  }
  return (
    <>
      {item.ref ? <LinkIcon /> : <FileIcon />}
      <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{item.name}</span>
      {item.ref ? <span className="shrink-0 rounded border border-border px-1 text-[11px] text-muted">ref</span> : null}
      <span className="w-20 shrink-0 text-right text-xs text-muted tabular-nums">{item.ref && item.size === 0 ? "—" : formatBytes(item.size)}</span>
    </>
  );
}
