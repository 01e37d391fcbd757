import { and, asc, eq } from "drizzle-orm";
import type { LegacyDbHandle } from "../client";
import { collections } from "../schema";
import { prepared } from "../statements";

export type CollectionRow = typeof collections.$inferSelect;

/** A collection by its project and name (every version read resolves one first). */
export function selectCollection({ sqlite }: LegacyDbHandle, projectId: number, name: string): CollectionRow | undefined {
  return prepared<[number, string], CollectionRow>(
    sqlite,
    `select id, project_id as projectId, name, type, description, next_version_index as nextVersionIndex,
            version_count as versionCount, total_size as totalSize, created_at as createdAt, updated_at as updatedAt
     from collections where project_id = ? and name = ?`,
  ).get(projectId, name);
}

export function insertCollection({ db }: LegacyDbHandle, row: { projectId: number; name: string; type: string; now: number }): CollectionRow {
  return db
    .insert(collections)
    .values({ projectId: row.projectId, name: row.name, type: row.type, createdAt: row.now, updatedAt: row.now })
    .returning()
    .get();
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
export function listProjectCollections({ db }: LegacyDbHandle, projectId: number): CollectionSummaryRow[] {
  return db
    .select({
      name: collections.name,
      type: collections.type,
      description: collections.description,
      versionCount: collections.versionCount,
      createdAt: collections.createdAt,
      updatedAt: collections.updatedAt,
    })
    .from(collections)
    .where(eq(collections.projectId, projectId))
    .orderBy(asc(collections.type), asc(collections.name))
    .all();
}

/** A project's collections (only those of `type` when given) by name: what a cleanup walks. */
export function listCollectionsOfType({ db }: LegacyDbHandle, projectId: number, type?: string): { id: number; name: string; type: string }[] {
  const where = type ? and(eq(collections.projectId, projectId), eq(collections.type, type)) : eq(collections.projectId, projectId);
  return db.select({ id: collections.id, name: collections.name, type: collections.type }).from(collections).where(where).orderBy(asc(collections.name)).all();
}

export function updateCollectionFields({ db }: LegacyDbHandle, id: number, fields: { description: string; type: string; updatedAt: number }): void {
  db.update(collections).set(fields).where(eq(collections.id, id)).run();
}

/** Every alias of a collection and the version index it is on, by alias (at most 1,000). */
export function listAliasesOfCollection({ sqlite }: LegacyDbHandle, collectionId: number): { alias: string; versionIndex: number }[] {
  return prepared<[number], { alias: string; versionIndex: number }>(
    sqlite,
    "select a.alias, v.version_index as versionIndex from aliases a join versions v on v.id = a.version_id where a.collection_id = ? order by a.alias limit 1000",
  ).all(collectionId);
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

function collectionWhere(f: CollectionFilter): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { project: f.projectId };
  const clauses = ["c.project_id = @project"];
  if (f.type) {
    clauses.push("c.type = @type");
    params.type = f.type;
  }
  if (f.q) {
    params.like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.alias = f.q;
    clauses.push(
      "(c.name like @like escape '\\' or c.type like @like escape '\\' or exists (select 1 from aliases a where a.collection_id = c.id and a.alias = @alias))",
    );
  }
  return { where: clauses.join(" and "), params };
}

/**
 * One page of the filtered list ordered by type then name, keyset-paged after (`after.type`,
 * `after.name`) on the (project, type) index. Each combination of filters is its own compiled statement.
 */
export function listCollectionPage(h: LegacyDbHandle, f: CollectionFilter, page: { after: { type: string; name: string } | null; limit: number }): CollectionListRow[] {
  const { where, params } = collectionWhere(f);
  const keyset = page.after ? "and (c.type, c.name) > (@ct, @cn)" : "";
  return prepared<Record<string, unknown>, CollectionListRow>(
    h.sqlite,
    `select c.name, c.type, c.description, c.version_count as versionCount, c.total_size as totalSize, c.updated_at as updatedAt
     from collections c where ${where} ${keyset} order by c.type, c.name limit @limit`,
  ).all({ ...params, ...(page.after ? { ct: page.after.type, cn: page.after.name } : {}), limit: page.limit });
}

export function countCollections(h: LegacyDbHandle, f: CollectionFilter): number {
  const { where, params } = collectionWhere(f);
  return prepared<Record<string, unknown>, { n: number }>(h.sqlite, `select count(*) as n from collections c where ${where}`).get(params)!.n;
}

/** Collections per type in the whole project, by type. */
export function countCollectionsByType({ sqlite }: LegacyDbHandle, projectId: number): { type: string; count: number }[] {
  return prepared<[number], { type: string; count: number }>(sqlite, "select type, count(*) as count from collections where project_id = ? group by type order by type").all(projectId);
}
