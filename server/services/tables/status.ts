import type { ServiceContext } from "../../context";
import type { BuildProgress } from "./build";
import type { TableColumn } from "./columns";
import type { TableKind } from "./format";
import { openTable, type TableRef } from "./registry";

export type TableStatusDto =
  | { state: "building"; path: string; progress: BuildProgress }
  | {
      state: "ready";
      path: string;
      kind: TableKind;
      rows: number;
      bytes: number;
      columns: TableColumn[];
      parts: { path: string; rowStart: number; rows: number }[];
      buildMs: number;
    };

/** What the grid needs before its first page: columns and row count, or the build's progress. */
export async function getTableStatus(ctx: ServiceContext, ref: TableRef): Promise<TableStatusDto> {
  const status = await openTable(ctx, ref);
  if (status.state === "building") return { state: "building", path: ref.path, progress: status.progress };
  const { meta } = status.index;
  return {
    state: "ready",
    path: ref.path,
    kind: status.source.kind,
    rows: meta.rows,
    bytes: status.source.bytes,
    columns: meta.columns,
    parts: meta.parts.map((p, i) => ({ path: status.source.parts[i]?.path ?? p.sha256, rowStart: p.rowStart, rows: p.rows })),
    buildMs: meta.buildMs,
  };
}
