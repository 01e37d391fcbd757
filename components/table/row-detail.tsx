"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { CellValue, cellText, CopyButton, type FileContext } from "./cells";

interface Column {
  name: string;
  type: string;
}

/** The open row (`row` in the URL): every column with its full value, and the part it came from. */
export function RowDetail({
  tableRef,
  files,
  columns,
  parts,
  index,
  onClose,
}: {
  tableRef: FileContext & { path: string };
  files: FileContext;
  columns: Column[];
  parts: { path: string; rowStart: number; rows: number }[];
  index: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const row = useQuery(trpc.tables.row.queryOptions({ ...tableRef, index }));
  const part = parts.find((p) => index >= p.rowStart && index < p.rowStart + p.rows);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <aside role="dialog" aria-label={`Row ${index + 1}`} className="fixed inset-y-0 right-0 z-30 flex w-full max-w-xl flex-col border-l border-border bg-panel shadow-xl">
      <header className="flex items-center justify-between border-b border-border px-4 py-3">
        <div>
          <h2 className="font-semibold">Row {(index + 1).toLocaleString("en-US")}</h2>
          {part && parts.length > 1 ? (
            <p className="text-xs text-muted">
              {part.path}, row {(index - part.rowStart + 1).toLocaleString("en-US")}
            </p>
          ) : null}
        </div>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close row">
          Close
        </Button>
      </header>
      <div className="flex-1 overflow-auto px-4 py-3">
        {row.isPending ? <Skeleton rows={6} /> : null}
        {row.error ? <ErrorState error={row.error} retry={() => void row.refetch()} /> : null}
        {row.data ? (
          <dl className="space-y-3">
            {columns.map((c, i) => (
              <div key={c.name} className="border-b border-border pb-2">
                <dt className="flex items-center justify-between text-xs text-muted">
                  <span>
                    <span className="font-medium text-text">{c.name}</span> · {c.type}
                  </span>
                  <CopyButton text={cellText(row.data.cells[i])} label={`Copy ${c.name}`} />
                </dt>
                <dd className="mt-1 break-words">
                  <CellValue value={row.data.cells[i]} files={files} expanded />
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </aside>
  );
}
