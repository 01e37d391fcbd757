import type { ServiceContext } from "../../context";
import { stmt as sql } from "../statements";
import type { DirState, RunNode, VersionNode } from "./schemas";

/**
 * Node details for a whole answer in a few queries (ids passed as one JSON array).
 * Runs of the browsed project get the short URL id `run:<runId>`, others carry their namespace.
 */

type Dirs = { up: DirState; down: DirState };

export function loadVersionNodes(ctx: ServiceContext, ids: number[], dirs: (id: number) => Dirs): Map<number, VersionNode> {
  const out = new Map<number, VersionNode>();
  if (ids.length === 0) return out;
  const rows = sql<[string], { id: number; versionIndex: number | null; state: VersionNode["state"]; name: string; type: string; entity: string; project: string; aliases: string }>(ctx, `select v.id, v.version_index as versionIndex, v.state, c.name, c.type, p.entity, p.name as project,
              (select json_group_array(a.alias) from (select alias from aliases where version_id = v.id order by id) a) as aliases
       from versions v join collections c on c.id = v.collection_id join projects p on p.id = c.project_id
       where v.id in (select value from json_each(?))`,
    )
    .all(JSON.stringify(ids));
  for (const r of rows) {
    out.set(r.id, {
      kind: "version",
      id: `version:${r.id}`,
      versionId: r.id,
      entity: r.entity,
      project: r.project,
      collection: r.name,
      type: r.type,
      versionIndex: r.versionIndex,
      label: r.versionIndex === null ? `${r.name}:draft-${r.id}` : `${r.name}:v${r.versionIndex}`,
      aliases: JSON.parse(r.aliases) as string[],
      state: r.state,
      ...dirs(r.id),
    });
  }
  return out;
}

export function loadRunNodes(ctx: ServiceContext, pks: number[], browsedProjectId: number, dirs: (pk: number) => Dirs): Map<number, RunNode> {
  const out = new Map<number, RunNode>();
  if (pks.length === 0) return out;
  const rows = sql<[string], { pk: number; projectId: number; runId: string; name: string; jobType: string | null; grp: string | null; state: string; entity: string; project: string }>(ctx, `select r.id as pk, r.project_id as projectId, r.run_id as runId, r.name, r.job_type as jobType, r.group_name as grp, r.state,
              p.entity, p.name as project
       from runs r join projects p on p.id = r.project_id where r.id in (select value from json_each(?))`,
    )
    .all(JSON.stringify(pks));
  for (const r of rows) {
    out.set(r.pk, {
      kind: "run",
      id: r.projectId === browsedProjectId ? `run:${r.runId}` : `run:${r.entity}/${r.project}/${r.runId}`,
      entity: r.entity,
      project: r.project,
      runId: r.runId,
      name: r.name,
      jobType: r.jobType,
      group: r.grp,
      state: r.state,
      ...dirs(r.pk),
    });
  }
  return out;
}

export function loadCollectionNames(ctx: ServiceContext, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = sql<[string], { id: number; name: string }>(ctx, "select id, name from collections where id in (select value from json_each(?))")
    .all(JSON.stringify(ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
