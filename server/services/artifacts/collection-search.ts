import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import { decodeCursor, encodeCursor } from "../cursor";
import type { Namespace } from "../schemas";
import { stmt } from "../statements";

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
export function searchCollections(
  ctx: ServiceContext,
  ns: Namespace,
  opts: { q?: string; type?: string; cursor?: string | null; limit?: number },
): CollectionList {
  const project = getProject(ctx, ns);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const params: Record<string, unknown> = { project: project.id };
  const clauses = ["c.project_id = @project"];
  if (opts.type) {
    clauses.push("c.type = @type");
    params.type = opts.type;
  }
  const q = opts.q?.trim();
  if (q) {
    params.like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.alias = q;
    clauses.push(
      "(c.name like @like escape '\\' or c.type like @like escape '\\' or exists (select 1 from aliases a where a.collection_id = c.id and a.alias = @alias))",
    );
  }
  const where = clauses.join(" and ");
  let keyset = "";
  const keysetParams: Record<string, unknown> = {};
  if (opts.cursor) {
    const [type, name] = decodeCursor<[string, string]>(opts.cursor, ["string", "string"]);
    keyset = "and (c.type, c.name) > (@ct, @cn)";
    Object.assign(keysetParams, { ct: type, cn: name });
  }
  const rows = ctx.sqlite
    .prepare<Record<string, unknown>, Omit<CollectionListItem, "updatedAt"> & { updatedAt: number }>(
      `select c.name, c.type, c.description, c.version_count as versionCount, c.total_size as totalSize, c.updated_at as updatedAt
       from collections c where ${where} ${keyset} order by c.type, c.name limit @limit`,
    )
    .all({ ...params, ...keysetParams, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })),
    types: ctx.sqlite
      .prepare<[number], { type: string; count: number }>("select type, count(*) as count from collections where project_id = ? group by type order by type")
      .all(project.id),
    total: stmt<Record<string, unknown>, { n: number }>(ctx, `select count(*) as n from collections c where ${where}`).get(params)!.n,
    nextCursor: rows.length > limit && last ? encodeCursor([last.type, last.name]) : null,
  };
}
