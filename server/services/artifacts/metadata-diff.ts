export type MetadataChangeKind = "added" | "removed" | "changed" | "unchanged";

export interface MetadataChange {
  /** Key path: nested objects are walked, so `{"metrics":{"acc":1}}` yields `["metrics","acc"]`. */
  key: string[];
  kind: MetadataChangeKind;
  before?: unknown;
  after?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON with sorted keys, so `{a,b}` and `{b,a}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Key-level diff of two metadata objects, in key order. Nested objects are compared key by key
 * (a changed metric deep inside `metrics` is one row, not the whole object); arrays and scalars
 * are compared whole. Unchanged keys are included so a side-by-side view can show both columns.
 */
export function diffMetadata(before: Record<string, unknown>, after: Record<string, unknown>, prefix: string[] = []): MetadataChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: MetadataChange[] = [];
  for (const k of keys) {
    const key = [...prefix, k];
    const inBefore = Object.hasOwn(before, k);
    const inAfter = Object.hasOwn(after, k);
    const b = before[k];
    const a = after[k];
    if (!inBefore) out.push({ key, kind: "added", after: a });
    else if (!inAfter) out.push({ key, kind: "removed", before: b });
    else if (isPlainObject(b) && isPlainObject(a) && Object.keys(b).length + Object.keys(a).length > 0) out.push(...diffMetadata(b, a, key));
    else out.push({ key, kind: canonical(b) === canonical(a) ? "unchanged" : "changed", before: b, after: a });
  }
  return out;
}
