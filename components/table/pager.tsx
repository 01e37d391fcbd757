"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "./search-params";

const input = "rounded-md border border-border bg-panel px-2 py-1 text-sm";

/** Page navigation, page size, and "go to row" (a position in the current order, 1-based). */
export function Pager({
  page,
  pageCount,
  size,
  total,
  onPage,
  onSize,
  onJump,
}: {
  page: number;
  pageCount: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
  onJump: (position: number) => void;
}) {
  const [jump, setJump] = useState("");
  function submit(e: FormEvent) {
    e.preventDefault();
    const n = Math.floor(Number(jump));
    if (Number.isFinite(n) && n >= 1) onJump(Math.min(n, Math.max(total, 1)));
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <Button size="sm" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">
        «
      </Button>
      <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
        ‹
      </Button>
      <span className="tabular-nums" aria-live="polite">
        Page {page.toLocaleString("en-US")} of {pageCount.toLocaleString("en-US")}
      </span>
      <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pageCount} aria-label="Next page">
        ›
      </Button>
      <Button size="sm" onClick={() => onPage(pageCount)} disabled={page >= pageCount} aria-label="Last page">
        »
      </Button>
      <label className="ml-2 flex items-center gap-1 text-muted">
        Rows per page
        <select value={size} onChange={(e) => onSize(Number(e.target.value))} className={input}>
          {PAGE_SIZES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <form onSubmit={submit} className="flex items-center gap-1">
        <input aria-label="Go to row" value={jump} onChange={(e) => setJump(e.target.value)} inputMode="numeric" placeholder="row #" className={`${input} w-24`} />
        <Button type="submit" size="sm">
          Go
        </Button>
      </form>
    </div>
  );
}
