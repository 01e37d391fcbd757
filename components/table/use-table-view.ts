"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { gridPage, stepRow } from "./grid-logic";
import { tableSearchParams, type UrlFilter } from "./search-params";

export interface TableRef {
  entity: string;
  project: string;
  name: string;
  version: string;
  path: string;
}

export type ReadyStatus = Extract<RouterOutputs["tables"]["status"], { state: "ready" }>;

/**
 * The grid's view of a table, all of it from the URL (page, size, sort, filters, open row): the page
 * query, paging, "go to row", and next/previous row in the order shown, crossing pages as needed.
 */
export function useTableView(ref: TableRef, status: ReadyStatus) {
  const trpc = useTRPC();
  const [q, setQ] = useQueryStates(tableSearchParams);
  const { names, size, sort, filters, page, input } = gridPage(ref, status.columns, q);
  const [jumped, setJumped] = useState<number | null>(null);
  // Set when next/previous crosses a page: which row of the arriving page to open.
  const [take, setTake] = useState<"first" | "last" | null>(null);

  const pageQuery = useQuery(trpc.tables.page.queryOptions(input, { placeholderData: keepPreviousData }));
  const total = pageQuery.data?.total ?? status.rows;
  const pageCount = Math.max(1, Math.ceil(total / size));
  const pageRows = useMemo(() => (pageQuery.data?.rows ?? []).map((r) => r.index), [pageQuery.data]);

  useEffect(() => {
    if (take === null || pageQuery.isPlaceholderData || pageRows.length === 0) return;
    setTake(null);
    void setQ({ row: take === "first" ? pageRows[0]! : pageRows[pageRows.length - 1]! });
  }, [take, pageQuery.isPlaceholderData, pageRows, setQ]);

  const goToPage = (p: number) => {
    const clamped = Math.min(Math.max(1, p), pageCount);
    setJumped(null);
    void setQ({ page: clamped === 1 ? null : clamped });
  };

  const step = useCallback(
    (delta: 1 | -1) => {
      if (q.row === null) return;
      const to = stepRow(pageRows, q.row, delta, page, pageCount);
      if (!to) return;
      if ("row" in to) return void setQ({ row: to.row });
      setTake(to.take);
      void setQ({ page: to.page === 1 ? null : to.page });
    },
    [q.row, pageRows, page, pageCount, setQ],
  );
  const canStep = (delta: 1 | -1) => q.row !== null && stepRow(pageRows, q.row, delta, page, pageCount) !== null;

  return {
    q,
    names,
    size,
    page,
    pageCount,
    total,
    sort,
    filters,
    pageQuery,
    jumped,
    goToPage,
    setSize: (s: number) => void setQ({ size: s === 50 ? null : s, page: null }),
    jumpTo: (position: number) => {
      setJumped(position);
      const p = Math.floor((position - 1) / size) + 1;
      void setQ({ page: p === 1 ? null : p });
    },
    // A new order starts at page 1: the old page number means nothing in it.
    setSort: (next: { id: string; desc: boolean } | undefined) => void setQ({ sort: next ? next.id : null, order: next?.desc ? "desc" : null, page: null }),
    setFilters: (next: UrlFilter[]) => void setQ({ f: next.length ? next : null, page: null }),
    addFilter: (f: UrlFilter) => void setQ({ f: [...q.f, f], page: null }),
    openRow: (index: number) => void setQ({ row: index }),
    closeRow: useCallback(() => void setQ({ row: null }), [setQ]),
    setSummary: (show: boolean) => void setQ({ summary: show ? null : false }),
    step,
    canStep,
  };
}

export type TableView = ReturnType<typeof useTableView>;
