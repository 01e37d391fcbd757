export type Column = string | { label: string; right?: boolean; className?: string };

/** The header row every plain list table shares: muted, small, one padding everywhere. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="text-xs text-muted">
      <tr>
        {columns.map((c) => {
          const col = typeof c === "string" ? { label: c } : c;
          return (
            <th key={col.label} className={`px-3 py-2 font-normal whitespace-nowrap ${col.right ? "text-right" : ""} ${col.className ?? ""}`}>
              {col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
