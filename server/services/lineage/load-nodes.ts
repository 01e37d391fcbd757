import type { ServiceContext } from "../../context";
import { listCollectionNames, listRunNodeRows, listVersionNodeRows } from "@/db/queries/lineage";
import type { DirState, RunNode, VersionNode } from "./schemas";

/**
 * Node details for a whole answer in one query per node type (ids passed as one JSON array), with
 * whether each node has neighbours either way, for the graph's expand buttons.
 * Runs of the browsed project get the short URL id `run:<runId>`, others carry their namespace.
 */

type Dirs = { up: DirState; down: DirState };
/** Whether a node has any neighbour upstream / downstream (read with its details). */
export type HasNeighbours = { up: boolean; down: boolean };
const has = (r: { hasUp: number; hasDown: number }): HasNeighbours => ({ up: r.hasUp === 1, down: r.hasDown === 1 });

export async function loadVersionNodes(ctx: ServiceContext, ids: number[], dirs: (id: number, has: HasNeighbours) => Dirs): Promise<Map<number, VersionNode>> {
  const out = new Map<number, VersionNode>();
  if (ids.length === 0) return out;
  const rows = await listVersionNodeRows(ctx, ids);
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
      ...dirs(r.id, has(r)),
    });
  }
  return out;
}

export async function loadRunNodes(ctx: ServiceContext, pks: number[], browsedProjectId: number, dirs: (pk: number, has: HasNeighbours) => Dirs): Promise<Map<number, RunNode>> {
  const out = new Map<number, RunNode>();
  if (pks.length === 0) return out;
  const rows = await listRunNodeRows(ctx, pks);
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
      ...dirs(r.pk, has(r)),
    });
  }
  return out;
}

export async function loadCollectionNames(ctx: ServiceContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await listCollectionNames(ctx, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}
