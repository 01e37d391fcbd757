import type { ServiceContext } from "../../context";
import { stmt } from "../statements";
import type { VersionDto } from "@/lib/api-types";

export type { VersionDto };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function versionLabel(name: string, versionIndex: number | null, id: number): string {
  return versionIndex === null ? `${name}:draft-${id}` : `${name}:v${versionIndex}`;
}

interface DtoRow {
  id: number;
  versionIndex: number | null;
  state: VersionDto["state"];
  digest: string | null;
  size: number;
  fileCount: number;
  description: string;
  metadata: string;
  distributedId: string | null;
  baseVersionId: number | null;
  revision: number;
  createdAt: number;
  committedAt: number | null;
  deletedAt: number | null;
  name: string;
  type: string;
  entity: string;
  project: string;
  aliases: string | null;
  baseIndex: number | null;
  baseName: string | null;
  baseEntity: string | null;
  baseProject: string | null;
}

// One statement for any number of ids (passed as a JSON array), with aliases and the patched-from
// base folded in: a grid page of 50 versions is one indexed query.
const DTO_SQL = `
  select v.id, v.version_index as versionIndex, v.state, v.digest, v.size, v.file_count as fileCount, v.description, v.metadata,
         v.distributed_id as distributedId, v.base_version_id as baseVersionId, v.revision, v.created_at as createdAt,
         v.committed_at as committedAt, v.deleted_at as deletedAt, c.name, c.type, p.entity, p.name as project,
         (select json_group_array(alias) from (select a.alias from aliases a where a.version_id = v.id order by a.id)) as aliases,
         b.version_index as baseIndex, bc.name as baseName, bp.entity as baseEntity, bp.name as baseProject
  from json_each(?) ids
  join versions v on v.id = ids.value
  join collections c on c.id = v.collection_id
  join projects p on p.id = c.project_id
  left join versions b on b.id = v.base_version_id
  left join collections bc on bc.id = b.collection_id
  left join projects bp on bp.id = bc.project_id`;

/** Loads DTOs for many versions in one query, in the order of `ids`. */
export function loadVersionDtos(ctx: ServiceContext, ids: number[]): VersionDto[] {
  if (ids.length === 0) return [];
  const byId = new Map<number, VersionDto>();
  for (const r of stmt<[string], DtoRow>(ctx, DTO_SQL).all(JSON.stringify(ids))) {
    const label = versionLabel(r.name, r.versionIndex, r.id);
    byId.set(r.id, {
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
    });
  }
  return ids.map((id) => byId.get(id)).filter((d): d is VersionDto => d !== undefined);
}

export function loadVersionDto(ctx: ServiceContext, id: number): VersionDto {
  const [dto] = loadVersionDtos(ctx, [id]);
  if (!dto) throw new Error(`version #${id} vanished`);
  return dto;
}
