"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { createSerializer, debounce, useQueryStates } from "nuqs";
import { useCallback } from "react";
import { filesParams } from "./files-query";

/**
 * The Files tab's state in the URL: `dir` (the listed folder), `file` (the previewed file) and
 * `q` (name filter). Opening a folder or file pushes a history entry, so Back walks out again;
 * typing in the filter replaces the entry (debounced) instead of adding one per keystroke.
 */
const serialize = createSerializer(filesParams);

export interface FilesUrl {
  dir: string;
  file: string | null;
  q: string;
  openDir: (dir: string) => void;
  openFile: (file: string | null) => void;
  setQuery: (q: string) => void;
  /** The shareable URL of a folder or file (for real links: middle-click opens a new tab). */
  hrefFor: (target: { dir: string; file?: string | null }) => string;
}

export function useFilesUrl(): FilesUrl {
  const [state, setState] = useQueryStates(filesParams, { history: "push" });
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const hrefFor = useCallback(
    (target: { dir: string; file?: string | null }) =>
      pathname + serialize(new URLSearchParams(searchParams?.toString() ?? ""), { dir: target.dir || null, file: target.file ?? null, q: target.dir === state.dir ? state.q || null : null }),
    [pathname, searchParams, state.dir, state.q],
  );
  return {
    dir: state.dir,
    file: state.file,
    q: state.q,
    openDir: (dir) => void setState({ dir: dir || null, file: null, q: null }),
    openFile: (file) => void setState({ file }),
    setQuery: (q) => void setState({ q: q || null }, { history: "replace", limitUrlUpdates: debounce(250) }),
    hrefFor,
  };
}
