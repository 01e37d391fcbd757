import type { ServiceContext } from "../../context";
import { listVersionDtoRows, type VersionDtoRow } from "@/db/queries/grid";
import type { VersionDto } from "@/lib/api-types";

export type { VersionDto };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function versionLabel(name: string, versionIndex: number | null, id: number): string {
  return versionIndex === null ? `${name}:draft-${id}` : `${name}:v${versionIndex}`;
}

/** The DTO of one row of `listVersionDtoRows` (or of a query that selects the same columns). */
export function toVersionDto(r: VersionDtoRow): VersionDto {
  const label = versionLabel(r.name, r.versionIndex, r.id);
  return {
    id: r.id,
    entity: r.entity,
    project: r.project,
    name: r.name,
    type: r.type,
    ref: `${r.entity}/${r.project}/${label}`,
    version: r.versionIndex === null ? null : `v${r.versionIndex}`,
    versionIndex: r.versionIndex,
    state: r.state,
    digest: r.digest,
    size: r.size,
    fileCount: r.fileCount,
    description: r.description,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    aliases: r.aliases ? (JSON.parse(r.aliases) as string[]) : [],
    revision: r.revision,
    distributedId: r.distributedId,
    basedOn: r.baseVersionId === null || r.baseName === null ? null : `${r.baseEntity}/${r.baseProject}/${versionLabel(r.baseName, r.baseIndex, r.baseVersionId)}`,
    createdAt: new Date(r.createdAt).toISOString(),
    committedAt: iso(r.committedAt),
    deletedAt: iso(r.deletedAt),
  };
}

/** Loads DTOs for many versions in one query, in the order of `ids`. */
export async function loadVersionDtos(ctx: ServiceContext, ids: number[]): Promise<VersionDto[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await listVersionDtoRows(ctx, ids)).map((r) => [r.id, toVersionDto(r)]));
  return ids.map((id) => byId.get(id)).filter((d): d is VersionDto => d !== undefined);
}

export async function loadVersionDto(ctx: ServiceContext, id: number): Promise<VersionDto> {
  const [dto] = await loadVersionDtos(ctx, [id]);
  if (!dto) throw new Error(`version #${id} vanished`);
  return dto;
}
