import { isBigIntCell } from "@/lib/table-cells";

/**
 * Column types shown in the grid header. They are inferred from a sample of rows (the first 100
 * of every part), because W&B's `column_types` is often empty (`{"type_map": {}}`).
 */
export type ColumnType = "int" | "float" | "number" | "bool" | "string" | "json" | "image" | "media" | "null" | "mixed";

export interface TableColumn {
  name: string;
  type: ColumnType;
}

function kindOf(value: unknown): ColumnType {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "string";
  if (isBigIntCell(value)) return "int";
  if (typeof value === "object" && !Array.isArray(value)) {
    const type = (value as { _type?: unknown })._type;
    if (type === "image-file") return "image";
    if (typeof type === "string" && type.endsWith("-file")) return "media";
  }
  return "json";
}

function merge(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === "null") return a;
  if (a === "null") return b;
  const numeric = new Set<ColumnType>(["int", "float", "number"]);
  if (numeric.has(a) && numeric.has(b)) return "number";
  return "mixed";
}

export function inferColumns(names: string[], sample: unknown[][]): TableColumn[] {
  const types: ColumnType[] = names.map(() => "null");
  for (const row of sample) {
    for (let i = 0; i < names.length; i++) types[i] = merge(types[i]!, kindOf(row[i]));
  }
  return names.map((name, i) => ({ name, type: types[i]! }));
}

/** Columns whose cells are JSON containers: their SQL value is JSON text, parsed by the client. */
export function isStructured(type: ColumnType): boolean {
  return type === "json" || type === "image" || type === "media" || type === "mixed";
}
