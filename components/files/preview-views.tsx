"use client";


/**
 * Plain text and pretty JSON, with line numbers in a gutter that copy-paste leaves out. Two <pre>
 * blocks rather than a row per line: a 256 KiB preview can hold 20,000 lines.
 */
export function TextView({ text }: { text: string }) {
  const count = text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length;
  const numbers = Array.from({ length: count }, (_, i) => i + 1).join("\n");
  return (
    <div tabIndex={0} role="region" aria-label="File preview" className="flex max-h-[65vh] overflow-auto rounded-md border border-border bg-bg font-mono text-xs leading-5">
      <pre aria-hidden className="sticky left-0 shrink-0 border-r border-border bg-bg px-3 py-2 text-right text-muted select-none">
        {numbers}
      </pre>
      <pre className="px-3 py-2">{text}</pre>
    </div>
  );
}

/** The first rows of a CSV/TSV: the first row is taken as the header. */
export function DelimitedView({ rows }: { rows: string[][] }) {
  const [header = [], ...body] = rows;
  const width = Math.max(...rows.map((r) => r.length), 0);
  const cells = (row: string[]) => Array.from({ length: width }, (_, i) => row[i] ?? "");
  return (
    <div tabIndex={0} role="region" aria-label="File preview (first rows)" className="max-h-[60vh] overflow-auto rounded-md border border-border">
      <table className="w-full border-collapse text-xs">
        <thead className="sticky top-0 bg-panel">
          <tr>
            <th className="border-b border-border px-2 py-1 text-right font-normal text-muted">#</th>
            {cells(header).map((h, i) => (
              <th key={i} scope="col" className="border-b border-border px-2 py-1 text-left font-medium whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">
          {body.map((row, r) => (
            <tr key={r} className="odd:bg-bg">
              <td className="px-2 py-0.5 text-right text-muted tabular-nums">{r + 1}</td>
              {cells(row).map((c, i) => (
                <td key={i} className="max-w-xs truncate px-2 py-0.5 whitespace-nowrap" title={c}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Joins a relative path to a folder, resolving "." and ".."; null when it climbs out of the version. */
export function resolveRelative(dir: string, relative: string): string | null {
  const parts = dir ? dir.split("/") : [];
  for (const seg of relative.split(/[?#]/)[0]!.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(decodeURIComponentSafe(seg));
  }
  return parts.join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
