import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { decodeCursor, encodeCursor } from "../cursor";
import type { Namespace } from "../schemas";
import { countCollections, countCollectionsByType, listCollectionPage, type CollectionFilter } from "@/db/queries/collections";

export interface CollectionListItem {
  name: string;
  type: string;
  description: string;
  versionCount: number;
  totalSize: number;
  updatedAt: string;
}

export interface CollectionList {
  items: CollectionListItem[];
  /** Collections per type in the whole project (ignoring the search), for the type filter. */
  types: { type: string; count: number }[];
  total: number;
  nextCursor: string | null;
}

/**
 * A project's collections ordered by type then name (the page groups them by type), keyset-paged
 * on the (project, type) index. `q` matches a name, a type, or an alias of any version.
 */
export async function searchCollections(
  ctx: ServiceContext,
  ns: Namespace,
  opts: { q?: string; type?: string; cursor?: string | null; limit?: number },
): Promise<CollectionList> {
  const project = await getProject(ctx, ns);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const q = opts.q?.trim();
  const filter: CollectionFilter = { projectId: project.id, ...(opts.type ? { type: opts.type } : {}), ...(q ? { q } : {}) };
  const after = opts.cursor ? decodeCursor<[string, string]>(opts.cursor, ["string", "string"]) : null;
  // One after the other, as before: on SQLite they complete synchronously anyway, and PostgreSQL's pool stays free for other requests.
  const rows = await listCollectionPage(ctx, filter, { after: after && { type: after[0], name: after[1] }, limit: limit + 1 });
  const types = await countCollectionsByType(ctx, project.id);
  const total = await countCollections(ctx, filter);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })),
    types,
    total,
    nextCursor: rows.length > limit && last ? encodeCursor([last.type, last.name]) : null,
  };
}
