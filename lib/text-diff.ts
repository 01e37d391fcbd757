import { structuredPatch } from "diff";

/**
 * Line diffs of two versions of a file, as the compare view shows them (pure; server and tests use it).
 * JSON is pretty-printed with sorted keys first, so reordered keys or a different indentation are
 * not changes and a changed value shows as one line.
 */

export interface DiffLine {
  kind: "context" | "added" | "removed";
  text: string;
  /** 1-based line numbers in the old and new text (absent on the side the line is not in). */
  oldNo?: number;
  newNo?: number;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export interface TextDiff {
  hunks: DiffHunk[];
  added: number;
  removed: number;
}

/**
 * Beyond this edit distance (lines) the diff is not worth computing or reading: Myers' algorithm costs
 * O(lines × edits), so two unrelated 25,000-line files would take minutes. The timeout is a backstop.
 */
export const MAX_EDIT_LINES = 2_000;
const TIMEOUT_MS = 2_000;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** JSON text pretty-printed with sorted keys, or null when it is not JSON. */
export function canonicalJson(text: string): string | null {
  try {
    return `${JSON.stringify(sortKeys(JSON.parse(text)), null, 2)}\n`;
  } catch {
    return null;
  }
}

/** The changed lines of `before` → `after` with `context` lines around them; null when too many lines changed. */
export function diffTexts(before: string, after: string, context = 3): TextDiff | null {
  const patch = structuredPatch("before", "after", before, after, undefined, undefined, { context, maxEditLength: MAX_EDIT_LINES, timeout: TIMEOUT_MS });
  if (!patch) return null;
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((h) => {
    let oldNo = h.oldStart;
    let newNo = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      const sign = raw[0];
      const text = raw.slice(1);
      if (sign === "\\") continue; // "\ No newline at end of file"
      if (sign === "+") {
        added++;
        lines.push({ kind: "added", text, newNo: newNo++ });
      } else if (sign === "-") {
        removed++;
        lines.push({ kind: "removed", text, oldNo: oldNo++ });
      } else {
        lines.push({ kind: "context", text, oldNo: oldNo++, newNo: newNo++ });
      }
    }
    return { oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines };
  });
  return { hunks, added, removed };
}
