import { z } from "zod";
import { getTablePage, getTableRow } from "../../services/tables/query";
import { ZTablePageInput, ZTableRef } from "../../services/tables/schemas";
import { getTableStatus } from "../../services/tables/status";
import { getTableSummary } from "../../services/tables/summary";
import { listVersionTables } from "../../services/tables/source";
import { readProcedure, router } from "../init";

const ZColumn = z.object({ name: z.string(), type: z.string() });
const ZProgress = z.object({ partsDone: z.number(), partsTotal: z.number(), rows: z.number(), bytesDone: z.number(), bytesTotal: z.number() });
const ZStatus = z.discriminatedUnion("state", [
  z.object({ state: z.literal("building"), path: z.string(), progress: ZProgress }),
  z.object({ state: z.literal("failed"), path: z.string(), message: z.string() }),
  z.object({
    state: z.literal("ready"),
    path: z.string(),
    kind: z.enum(["table", "partitioned", "joined"]),
    rows: z.number(),
    bytes: z.number(),
    columns: z.array(ZColumn),
    parts: z.array(z.object({ path: z.string(), rowStart: z.number(), rows: z.number() })),
    joins: z.tuple([z.string(), z.string()]).optional(),
    buildMs: z.number(),
  }),
]);
const ZColumnSummary = z.object({
  name: z.string(),
  type: z.string(),
  nulls: z.number(),
  numbers: z.number(),
  histogram: z.object({ min: z.number(), max: z.number(), width: z.number(), counts: z.array(z.number()) }).nullable(),
  top: z.object({ values: z.array(z.object({ value: z.union([z.string(), z.boolean()]), count: z.number() })), distinct: z.number() }).nullable(),
});
const ZRow = z.object({ index: z.number(), cells: z.array(z.unknown()) });

export const tablesRouter = router({
  /** The table files of a version (partitioned tables with their part count). */
  list: readProcedure
    .input(z.object({ entity: z.string(), project: z.string(), name: z.string(), version: z.string() }))
    .output(
      z.array(
        z.object({
          path: z.string(),
          kind: z.enum(["table", "partitioned", "joined"]),
          size: z.number(),
          parts: z.number().optional(),
          joins: z.tuple([z.string(), z.string()]).optional(),
        }),
      ),
    )
    .query(({ ctx, input }) => listVersionTables(ctx.ctx, input, input.name, input.version)),
  /** Starts indexing on first call; poll until `ready`. */
  status: readProcedure
    .input(ZTableRef)
    .output(ZStatus)
    .query(({ ctx, input }) => getTableStatus(ctx.ctx, input)),
  page: readProcedure
    .input(ZTablePageInput)
    .output(z.object({ total: z.number(), offset: z.number(), rows: z.array(ZRow) }))
    .query(({ ctx, input }) => getTablePage(ctx.ctx, input)),
  row: readProcedure
    .input(ZTableRef.extend({ index: z.number().int().nonnegative() }))
    .output(ZRow)
    .query(({ ctx, input }) => getTableRow(ctx.ctx, input, input.index)),
  /** Per-column summaries over the whole table, computed once per table contents (docs/tables.md). */
  summary: readProcedure
    .input(ZTableRef)
    .output(z.object({ rows: z.number(), columns: z.array(ZColumnSummary), computeMs: z.number() }))
    .query(({ ctx, input }) => getTableSummary(ctx.ctx, input)),
});
