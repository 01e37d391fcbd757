import { z } from "zod";

/** A version as list pages show it (cleanup candidates, drafts): enough to label and link it. */
export const ZVersionListRow = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  selector: z.string(),
  size: z.number(),
  fileCount: z.number(),
  createdAt: z.string(),
});

export const ZAuditPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      actor: z.string(),
      action: z.string(),
      target: z.string(),
      entity: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
