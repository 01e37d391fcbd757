import { eq, inArray } from "drizzle-orm";
import { aliases, collections, projects, versions } from "@/db/schema";
import type { ServiceContext } from "../../context";
import type { VersionDto } from "@/lib/api-types";

export type { VersionDto };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function versionLabel(name: string, versionIndex: number | null, id: number): string {
  return versionIndex === null ? `${name}:draft-${id}` : `${name}:v${versionIndex}`;
}

/** Loads DTOs for many versions in three queries, in the order of `ids`. */
export function loadVersionDtos(ctx: ServiceContext, ids: number[]): VersionDto[] {
  if (ids.length === 0) return [];
  const rows = ctx.db
    .select({
      v: versions,
      name: collections.name,
      type: collections.type,
      entity: projects.entity,
      project: projects.name,
    })
    .from(versions)
    .innerJoin(collections, eq(collections.id, versions.collectionId))
    .innerJoin(projects, eq(projects.id, collections.projectId))
    .where(inArray(versions.id, ids))
    .all();
  const aliasRows = ctx.db
    .select({ versionId: aliases.versionId, alias: aliases.alias })
    .from(aliases)
    .where(inArray(aliases.versionId, ids))
    .orderBy(aliases.id)
    .all();
  const aliasMap = new Map<number, string[]>();
  for (const a of aliasRows) aliasMap.set(a.versionId, [...(aliasMap.get(a.versionId) ?? []), a.alias]);
  const baseIds = rows.map((r) => r.v.baseVersionId).filter((id): id is number => id !== null);
  const baseRefs = new Map<number, string>();
  if (baseIds.length > 0) {
    for (const b of ctx.db
      .select({ id: versions.id, versionIndex: versions.versionIndex, name: collections.name, entity: projects.entity, project: projects.name })
      .from(versions)
      .innerJoin(collections, eq(collections.id, versions.collectionId))
      .innerJoin(projects, eq(projects.id, collections.projectId))
      .where(inArray(versions.id, baseIds))
      .all()) {
      baseRefs.set(b.id, `${b.entity}/${b.project}/${versionLabel(b.name, b.versionIndex, b.id)}`);
    }
  }
  const byId = new Map<number, VersionDto>();
  for (const { v, name, type, entity, project } of rows) {
    byId.set(v.id, {
      id: v.id,
      entity,
      project,
      name,
      type,
      ref: `${entity}/${project}/${versionLabel(name, v.versionIndex, v.id)}`,
      version: v.versionIndex === null ? null : `v${v.versionIndex}`,
      versionIndex: v.versionIndex,
      state: v.state,
      digest: v.digest,
      size: v.size,
      fileCount: v.fileCount,
      description: v.description,
      metadata: JSON.parse(v.metadata) as Record<string, unknown>,
      aliases: aliasMap.get(v.id) ?? [],
      revision: v.revision,
      distributedId: v.distributedId,
      basedOn: v.baseVersionId === null ? null : (baseRefs.get(v.baseVersionId) ?? null),
      createdAt: new Date(v.createdAt).toISOString(),
      committedAt: iso(v.committedAt),
      deletedAt: iso(v.deletedAt),
    });
  }
  return ids.map((id) => byId.get(id)).filter((d): d is VersionDto => d !== undefined);
}

export function loadVersionDto(ctx: ServiceContext, id: number): VersionDto {
  const [dto] = loadVersionDtos(ctx, [id]);
  if (!dto) throw new Error(`version #${id} vanished`);
  return dto;
}
