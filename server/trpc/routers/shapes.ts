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
