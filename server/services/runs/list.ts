import type { RunDto } from "@/lib/api-types";
import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { decodeCursor, encodeCursor } from "../cursor";
import type { Namespace } from "../schemas";
import { toRunDto } from "./runs";
import { listRunPage } from "@/db/queries/run-list";

export interface RunListItem extends RunDto {
  logged: number;
  used: number;
}

/** A project's runs, newest first, keyset-paged on the (project, created_at) index. */
export async function listRuns(ctx: ServiceContext, ns: Namespace, opts: { cursor?: string | null; limit?: number }): Promise<{ items: RunListItem[]; nextCursor: string | null }> {
  const project = await getProject(ctx, ns);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const cursor = opts.cursor ? decodeCursor<[number, number]>(opts.cursor, ["number", "number"]) : null;
  const rows = await listRunPage(ctx, { projectId: project.id, before: cursor && { createdAt: cursor[0], id: cursor[1] }, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...toRunDto(r, ns), logged: r.logged, used: r.used })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
