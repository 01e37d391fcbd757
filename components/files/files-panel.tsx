"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, type MouseEvent } from "react";
import { plural } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { FileList, type TreeItem } from "./file-list";
import { FilePreview } from "./file-preview";
import { filesListInput } from "./files-query";
import { useFilesUrl } from "./files-url";
import { nextCursor } from "@/lib/paging";

const parentOf = (dir: string) => (dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "");

/**
 * The Files tab of a version: one folder at a time (keyset-paged from the server, virtualized
 * here, so a folder of 100,000 files costs what is on screen), a preview of the selected file,
 * and downloads. Folder, file and filter live in the URL (`?tab=files&dir=…&file=…&q=…`).
 */
export function FilesPanel({ entity, project, name, version }: { entity: string; project: string; name: string; version: string }) {
  const p = useMemo(() => ({ entity, project }), [entity, project]);
  const url = useFilesUrl();
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.files.list.infiniteQueryOptions(
      filesListInput({ ...p, name, version }, url),
      // While typing a filter, keep the previous rows on screen; a new folder shows its own loading state
      // (stale rows of the old folder would take keyboard input meant for the new one).
      { getNextPageParam: nextCursor, placeholderData: url.q ? keepPreviousData : undefined },
    ),
  );
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = list;
  const loadMore = useMemo(() => () => void fetchNextPage(), [fetchNextPage]);

  const open = (item: TreeItem) => (item.kind === "folder" ? url.openDir(item.path) : url.openFile(item.path));
  const hrefFor = (item: TreeItem) => (item.kind === "folder" ? url.hrefFor({ dir: item.path }) : url.hrefFor({ dir: url.dir, file: item.path }));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <DirCrumbs root={`${name}:${version}`} dir={url.dir} hrefFor={(dir) => url.hrefFor({ dir })} onOpen={url.openDir} />
        <div className="ml-auto flex items-center gap-2">
          <label className="sr-only" htmlFor="files-filter">
            Filter names in this folder
          </label>
          <input
            id="files-filter"
            type="search"
            value={url.q}
            onChange={(e) => url.setQuery(e.target.value.replaceAll("/", ""))}
            placeholder="Filter: name starts with…"
            className="w-56 rounded-md border border-border bg-panel px-2 py-1 text-sm placeholder:text-muted"
          />
          <a href={routes.versionZip(p, name, version)} className={buttonClass("secondary", "sm")} download>
            Download all (zip)
          </a>
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-[minmax(300px,2fr)_3fr]">
        <div className="min-w-0 overflow-hidden rounded-lg border border-border bg-panel">
          <div className="flex items-center justify-between border-b border-border px-3 py-1.5 text-xs text-muted">
            <span>{url.dir ? `${url.dir}/` : "Top folder"}</span>
            <span className="tabular-nums">{list.data ? (hasNextPage ? `${items.length.toLocaleString("en-US")}+ items` : plural(items.length, "item")) : ""}</span>
          </div>
          {list.isPending ? (
            <div className="px-3">
              <Skeleton rows={8} label="Loading files" />
            </div>
          ) : list.isError ? (
            <div className="space-y-2 p-3">
              <ErrorState error={list.error} retry={() => void list.refetch()} />
              {url.dir ? (
                <Button size="sm" onClick={() => url.openDir("")}>
                  Go to the top folder
                </Button>
              ) : null}
            </div>
          ) : items.length === 0 ? (
            <div className="p-3">
              <EmptyState title={url.q ? `No names here start with “${url.q}”` : "This folder is empty"}>
                {url.q ? (
                  <Button size="sm" onClick={() => url.setQuery("")}>
                    Clear the filter
                  </Button>
                ) : null}
              </EmptyState>
            </div>
          ) : (
            <FileList
              key={`${url.dir}\n${url.q}`}
              items={items}
              hasMore={!!hasNextPage}
              loadingMore={isFetchingNextPage}
              loadMore={loadMore}
              selectedFile={url.file}
              hrefFor={hrefFor}
              onOpen={open}
              onParent={url.dir ? () => url.openDir(parentOf(url.dir)) : null}
            />
          )}
        </div>

        <div className="min-w-0">
          {url.file ? (
            <FilePreview project={p} name={name} version={version} path={url.file} fileHref={(path) => url.hrefFor({ dir: parentOf(path), file: path })} />
          ) : (
            <p className="rounded-lg border border-dashed border-border px-4 py-10 text-center text-muted">
              Select a file to preview it. Use ↑ ↓ to move in the list, Enter to open, ← to go up a folder.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

/** The current folder as a path of links; each opens that folder in place (shallow URL update). */
function DirCrumbs({ root, dir, hrefFor, onOpen }: { root: string; dir: string; hrefFor: (dir: string) => string; onOpen: (dir: string) => void }) {
  const parts = dir ? dir.split("/") : [];
  const crumbs = [{ label: root, dir: "" }, ...parts.map((label, i) => ({ label, dir: parts.slice(0, i + 1).join("/") }))];
  const click = (e: MouseEvent, target: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(target);
  };
  return (
    <nav aria-label="Folder" className="flex min-w-0 flex-wrap items-center gap-1 font-mono text-xs">
      {crumbs.map((c, i) => {
        const last = i === crumbs.length - 1;
        return (
          <span key={c.dir} className="flex items-center gap-1">
            {i > 0 ? <span className="text-muted" aria-hidden>/</span> : null}
            {last ? (
              <span aria-current="location" className="font-medium">
                {c.label}
              </span>
            ) : (
              <a href={hrefFor(c.dir)} onClick={(e) => click(e, c.dir)} className="text-muted hover:text-text hover:underline">
                {c.label}
              </a>
            )}
          </span>
        );
      })}
    </nav>
  );
}
