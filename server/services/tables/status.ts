import type { ServiceContext } from "../../context";
import { isDomainError } from "../../errors";
import type { BuildProgress } from "./build";
import type { TableColumn } from "./columns";
import type { TableKind } from "./format";
import { openTable, type TableRef } from "./registry";

export type TableStatusDto =
  | { state: "building"; path: string; progress: BuildProgress }
  | { state: "failed"; path: string; message: string }
  | {
      state: "ready";
      path: string;
      kind: TableKind;
      rows: number;
      bytes: number;
      columns: TableColumn[];
      parts: { path: string; rowStart: number; rows: number }[];
      /** Joined tables: the two tables they join. */
      joins?: [string, string];
      buildMs: number;
    };

/**
 * What the grid needs before its first page: columns and row count, or the build's progress.
 * A table that cannot be indexed (malformed part, mismatched columns, over the limits) is a
 * state of the table, answered as data with the reason in words, not as a failed request.
 */
export async function getTableStatus(ctx: ServiceContext, ref: TableRef): Promise<TableStatusDto> {
  let status: Awaited<ReturnType<typeof openTable>>;
  try {
    status = await openTable(ctx, ref);
  } catch (error) {
    if (isDomainError(error) && error.code !== "NOT_FOUND") return { state: "failed", path: ref.path, message: error.message };
    throw error;
  }
  if (status.state === "building") return { state: "building", path: ref.path, progress: status.progress };
  const { meta } = status.index;
  const { join } = status.source;
  return {
    state: "ready",
    path: ref.path,
    kind: status.source.kind,
    rows: meta.rows,
    bytes: status.source.bytes,
    columns: meta.columns,
    parts: join
      ? [{ path: ref.path, rowStart: 0, rows: meta.rows }]
      : meta.parts.map((p, i) => ({ path: status.source.parts[i]?.path ?? p.sha256, rowStart: p.rowStart, rows: p.rows })),
    ...(join ? { joins: [join.left.path, join.right.path] as [string, string] } : {}),
    buildMs: meta.buildMs,
  };
}
