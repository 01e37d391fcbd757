import type { RouterOutputs } from "@/components/router-types";

export type Edit = RouterOutputs["versions"]["history"][number];

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/**
 * One edit as a sentence (issue 14, item 3): "moved best from v35 to v29", "set lr to 0.01", "edited the
 * description". The actor and the time follow it on the line; the raw before/after stays one click away.
 */
export function describeEdit(edit: Edit): string {
  switch (edit.action) {
    case "description":
      return edit.before === "" ? "wrote the description" : edit.after === "" ? "cleared the description" : "edited the description";
    case "delete":
      return "deleted this version";
    case "metadata": {
      const before = record(edit.before);
      const after = record(edit.after);
      const parts = [
        ...Object.keys(after)
          .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
          .map((k) => (k in before ? `changed ${k} from ${short(before[k])} to ${short(after[k])}` : `set ${k} to ${short(after[k])}`)),
        ...Object.keys(before)
          .filter((k) => !(k in after))
          .map((k) => `removed ${k}`),
      ];
      if (parts.length === 0) return "saved the metadata unchanged";
      return parts.length > 3 ? `${parts.slice(0, 3).join(", ")} and ${parts.length - 3} more metadata changes` : parts.join(", ");
    }
    case "aliases": {
      const moves = edit.moves ?? [];
      const explained = new Set(moves.map((m) => m.alias));
      const parts = moves.map((m) =>
        m.from && m.to ? `moved ${m.alias} from ${m.from} to ${m.to}` : m.to ? `added ${m.alias}` : `removed ${m.alias}`,
      );
      // Edits recorded before moves were paired (or by other tools) still read as adds and removes.
      const before = list(edit.before);
      const after = list(edit.after);
      for (const a of after) if (!before.includes(a) && !explained.has(a)) parts.push(`added ${a}`);
      for (const a of before) if (!after.includes(a) && !explained.has(a)) parts.push(`removed ${a}`);
      return parts.length ? parts.join(", ") : "left the aliases unchanged";
    }
  }
}
