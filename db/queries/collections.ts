import type { DbHandle } from "../client";
import type { SqlParam } from "../sql/sql";

export interface CollectionRow {
  id: number;
  projectId: number;
  name: string;
  type: string;
  description: string;
  nextVersionIndex: number;
  versionCount: number;
  totalSize: number;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = `id, project_id as projectId, name, type, description, next_version_index as nextVersionIndex,
            version_count as versionCount, total_size as totalSize, created_at as createdAt, updated_at as updatedAt`;

/** A collection by its project and name (every version read resolves one first). */
export function selectCollection({ sql }: DbHandle, projectId: number, name: string): Promise<CollectionRow | undefined> {
  return sql.get<CollectionRow>(`select ${COLUMNS} from collections where project_id = ? and name = ?`, [projectId, name]);
}

/**
 * A collection by its project's entity and name and its own name, in one statement (every read of a
 * collection resolves one first, and on PostgreSQL each statement is a round trip): undefined when the
 * project does not exist, `id: null` (only `projectId` set) when the project exists but the collection does not.
 */
export function selectCollectionInNamespace(
  { sql }: DbHandle,
  args: { entity: string; project: string; name: string },
): Promise<CollectionRow | (Pick<CollectionRow, "projectId"> & { id: null }) | undefined> {
  return sql.get(
    `select c.id, p.id as projectId, c.name, c.type, c.description, c.next_version_index as nextVersionIndex, c.version_count as versionCount,
            c.total_size as totalSize, c.created_at as createdAt, c.updated_at as updatedAt
     from projects p left join collections c on c.project_id = p.id and c.name = ? where p.entity = ? and p.name = ?`,
    [args.name, args.entity, args.project],
  );
}

/**
 * Creates the collection; undefined when one of that name appeared meanwhile (another instance, on
 * PostgreSQL): the caller reads that one instead of failing on the unique (project, name) index.
 */
export function insertCollection({ sql }: DbHandle, row: { projectId: number; name: string; type: string; now: number }): Promise<CollectionRow | undefined> {
  return sql.get<CollectionRow>(
    `insert into collections (project_id, name, type, created_at, updated_at) values (?, ?, ?, ?, ?)
     on conflict (project_id, name) do nothing returning ${COLUMNS}`,
    [row.projectId, row.name, row.type, row.now, row.now],
  );
}

export interface CollectionSummaryRow {
  name: string;
  type: string;
  description: string;
  versionCount: number;
  createdAt: number;
  updatedAt: number;
}

/** A project's collections by type, then name. */
export function listProjectCollections({ sql }: DbHandle, projectId: number): Promise<CollectionSummaryRow[]> {
  return sql.all<CollectionSummaryRow>(
    `select name, type, description, version_count as versionCount, created_at as createdAt, updated_at as updatedAt
     from collections where project_id = ? order by type asc, name asc`,
    [projectId],
  );
}

/** A project's collections (only those of `type` when given) by name: what a cleanup walks. */
export function listCollectionsOfType({ sql }: DbHandle, projectId: number, type?: string): Promise<{ id: number; name: string; type: string }[]> {
  return type
    ? sql.all<{ id: number; name: string; type: string }>("select id, name, type from collections where project_id = ? and type = ? order by name asc", [projectId, type])
    : sql.all<{ id: number; name: string; type: string }>("select id, name, type from collections where project_id = ? order by name asc", [projectId]);
}

export async function updateCollectionFields({ sql }: DbHandle, id: number, fields: { description: string; type: string; updatedAt: number }): Promise<void> {
  await sql.run("update collections set description = ?, type = ?, updated_at = ? where id = ?", [fields.description, fields.type, fields.updatedAt, id]);
}

/** Every alias of a collection and the version index it is on, by alias (at most 1,000). */
export function listAliasesOfCollection({ sql }: DbHandle, collectionId: number): Promise<{ alias: string; versionIndex: number }[]> {
  return sql.all<{ alias: string; versionIndex: number }>(
    "select a.alias, v.version_index as versionIndex from aliases a join versions v on v.id = a.version_id where a.collection_id = ? order by a.alias limit 1000",
    [collectionId],
  );
}

export interface CollectionListRow {
  name: string;
  type: string;
  description: string;
  versionCount: number;
  totalSize: number;
  updatedAt: number;
}

/** What narrows a project's collection list: a type, and a text matching a name, a type, or (exactly) an alias. */
export interface CollectionFilter {
  projectId: number;
  type?: string;
  q?: string;
}

/** The WHERE from a fixed set of clauses (each combination one constant text), and its parameters in order. */
function collectionWhere(f: CollectionFilter): { where: string; params: SqlParam[] } {
  const params: SqlParam[] = [f.projectId];
  const clauses = ["c.project_id = ?"];
  if (f.type) {
    clauses.push("c.type = ?");
    params.push(f.type);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    clauses.push("(c.name like ? escape '\\' or c.type like ? escape '\\' or exists (select 1 from aliases a where a.collection_id = c.id and a.alias = ?))");
    params.push(like, like, f.q);
  }
  return { where: clauses.join(" and "), params };
}

/**
 * One page of the filtered list ordered by type then name, keyset-paged after (`after.type`,
 * `after.name`) on the (project, type) index. Each combination of filters is its own compiled statement.
 */
export function listCollectionPage({ sql }: DbHandle, f: CollectionFilter, page: { after: { type: string; name: string } | null; limit: number }): Promise<CollectionListRow[]> {
  const { where, params } = collectionWhere(f);
  const keyset = page.after ? "and (c.type, c.name) > (?, ?)" : "";
  return sql.all<CollectionListRow>(
    `select c.name, c.type, c.description, c.version_count as versionCount, c.total_size as totalSize, c.updated_at as updatedAt
     from collections c where ${where} ${keyset} order by c.type, c.name limit ?`,
    [...params, ...(page.after ? [page.after.type, page.after.name] : []), page.limit],
  );
}

export async function countCollections({ sql }: DbHandle, f: CollectionFilter): Promise<number> {
  const { where, params } = collectionWhere(f);
  return (await sql.get<{ n: number }>(`select count(*) as n from collections c where ${where}`, params))?.n ?? 0;
}

/** Collections per type in the whole project, by type. */
export function countCollectionsByType({ sql }: DbHandle, projectId: number): Promise<{ type: string; count: number }[]> {
  return sql.all<{ type: string; count: number }>("select type, count(*) as count from collections where project_id = ? group by type order by type", [projectId]);
}
