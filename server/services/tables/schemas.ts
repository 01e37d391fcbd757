import { z } from "zod";

/** Inputs of the table procedures, shared by the tRPC router and the services. */

export const ZTableRef = z.object({
  entity: z.string(),
  project: z.string(),
  name: z.string(),
  version: z.string(),
  path: z.string().min(1).max(4096),
});

export const ZTableFilter = z.discriminatedUnion("op", [
  z.object({ column: z.number().int().nonnegative(), op: z.enum(["eq", "contains"]), value: z.string().max(1000) }),
  z.object({ column: z.number().int().nonnegative(), op: z.literal("range"), min: z.number().optional(), max: z.number().optional() }),
  z.object({ column: z.number().int().nonnegative(), op: z.enum(["null", "notnull"]) }),
]);
export type TableFilter = z.infer<typeof ZTableFilter>;

export const ZTableSort = z.object({ column: z.number().int().nonnegative(), desc: z.boolean() });
export type TableSort = z.infer<typeof ZTableSort>;

export const MAX_PAGE_SIZE = 1000;

export const ZTablePageInput = ZTableRef.extend({
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
  sort: ZTableSort.nullish(),
  filters: z.array(ZTableFilter).max(20).default([]),
});
export type TablePageInput = z.infer<typeof ZTablePageInput>;
