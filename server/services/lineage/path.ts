import { listLineageSteps, type LineageStep } from "@/db/queries/lineage-steps";
import { NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { resolveVersion } from "../artifacts/resolve";
import { getProject } from "../projects/projects";
import type { Namespace } from "../schemas";
import { parseRef } from "@/lib/names";
import { loadRunNodes, loadVersionNodes, type HasNeighbours } from "./load-nodes";
import { resolveNodeId, splitKey, versionKey, type Direction, type NodeKey } from "./node-key";
import { PATH_MAX_HOPS, PATH_MAX_VISITS, type LineageEdge, type LineagePath, type RunNode, type VersionNode } from "./schemas";

export interface PathOptions {
  /** A node id (`version:<id>`, `run:<runId>`) or an artifact reference of this project (`name:alias`, `name:vN`). */
  from: string;
  to: string;
  maxHops?: number;
  /** Nodes the search may look at, both directions together, before it gives up. */
  maxVisits?: number;
}

/** A path end: node ids as the explorer writes them, or `name[:selector]` as people type them. */
async function resolveEnd(ctx: ServiceContext, ns: Namespace, projectId: number, end: string): Promise<NodeKey> {
  if (/^(version|run):/.test(end)) return resolveNodeId(ctx, projectId, `${ns.entity}/${ns.project}`, end);
  const ref = parseRef(end);
  if (typeof ref === "string") throw new ValidationError(`${ref}, or a lineage node id (version:<id>, run:<run id>)`);
  // Only this project's artifacts: a reference must not reveal whether another project's version exists.
  if (ref.entity !== undefined || ref.project !== undefined) throw new ValidationError(`\`${end}\`: name an artifact of ${ns.entity}/${ns.project} (name:alias or name:vN), or a node id`);
  return versionKey((await resolveVersion(ctx, ns, ref.name, ref.selector)).version.id);
}

type Walk = { found: true; steps: LineageStep[] } | { found: false; exhausted: boolean; visited: number };

/**
 * Breadth-first from `from` in one direction, a whole level per query, until `to` is reached.
 * Stops at `maxHops` levels or when `budget` nodes have been seen (`exhausted`).
 */
async function walk(ctx: ServiceContext, from: NodeKey, to: NodeKey, dir: Direction, maxHops: number, budget: number): Promise<Walk> {
  const parent = new Map<NodeKey, LineageStep | null>([[from, null]]);
  let frontier: NodeKey[] = [from];
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
    const versionIds: number[] = [];
    const runIds: number[] = [];
    for (const key of frontier) (key[0] === "v" ? versionIds : runIds).push(splitKey(key).pk);
    const left = budget - parent.size;
    // One row past the budget says it ran out (a spent budget still asks for one: LIMIT is never negative).
    const steps = await listLineageSteps(ctx, { versionIds, runIds, dir, limit: Math.max(0, left) + 1 });
    const next: NodeKey[] = [];
    for (const step of steps) {
      const key = `${step.toType}:${step.toPk}` as NodeKey;
      if (parent.has(key)) continue;
      parent.set(key, step);
      if (key === to) return { found: true, steps: trace(parent, to) };
      next.push(key);
    }
    if (steps.length > left) return { found: false, exhausted: true, visited: parent.size };
    frontier = next;
  }
  return { found: false, exhausted: frontier.length > 0, visited: parent.size };
}

function trace(parent: Map<NodeKey, LineageStep | null>, to: NodeKey): LineageStep[] {
  const steps: LineageStep[] = [];
  for (let step = parent.get(to); step; step = parent.get(`${step.fromType}:${step.fromPk}` as NodeKey)) steps.unshift(step);
  return steps;
}

/**
 * The shortest lineage path between two nodes along the data flow: `to` made (through runs and
 * patches) from `from` ("down"), or `from` made from `to` ("up"). Two siblings, such as two
 * checkpoints of one run, have no such path: a shared ancestor is not lineage between them.
 * Bounded by hops and by nodes visited, so a search across a huge project refuses instead of
 * scanning it; the refusal says which bound stopped it.
 */
export async function findLineagePath(ctx: ServiceContext, ns: Namespace, options: PathOptions): Promise<LineagePath> {
  const project = await getProject(ctx, ns);
  const maxHops = options.maxHops ?? PATH_MAX_HOPS;
  const maxVisits = options.maxVisits ?? PATH_MAX_VISITS;
  const from = await resolveEnd(ctx, ns, project.id, options.from);
  const to = await resolveEnd(ctx, ns, project.id, options.to);
  if (from === to) throw new ValidationError(`\`${options.from}\` and \`${options.to}\` are the same node: pick another end for the path`);
  const down = await walk(ctx, from, to, "down", maxHops, maxVisits);
  let result: { dir: Direction; steps: LineageStep[] } | null = down.found ? { dir: "down", steps: down.steps } : null;
  let exhausted = !down.found && down.exhausted;
  if (!result) {
    const up = await walk(ctx, from, to, "up", maxHops, maxVisits - (down.found ? 0 : down.visited));
    if (up.found) result = { dir: "up", steps: up.steps };
    else exhausted ||= up.exhausted;
  }
  if (!result) {
    throw new NotFoundError(
      exhausted
        ? `no lineage path from ${options.from} to ${options.to} within ${maxHops} hops and ${maxVisits.toLocaleString("en-US")} nodes: the search stops there; start from a node nearer to it`
        : `no lineage path from ${options.from} to ${options.to}: neither was made from the other through runs or patches`,
    );
  }
  return describePath(ctx, project.id, from, result.dir, result.steps);
}

/** Turns the steps into wire nodes (in path order) and edges pointing with the data, ids as the neighbourhood writes them. */
async function describePath(ctx: ServiceContext, projectId: number, from: NodeKey, dir: Direction, steps: LineageStep[]): Promise<LineagePath> {
  const keys: NodeKey[] = [from, ...steps.map((s) => `${s.toType}:${s.toPk}` as NodeKey)];
  const dirs = (_: number, has: HasNeighbours) => ({ up: has.up ? ("more" as const) : ("none" as const), down: has.down ? ("more" as const) : ("none" as const) });
  const versions = await loadVersionNodes(ctx, keys.filter((k) => k[0] === "v").map((k) => splitKey(k).pk), dirs);
  const runs = await loadRunNodes(ctx, keys.filter((k) => k[0] === "r").map((k) => splitKey(k).pk), projectId, dirs);
  const node = (key: NodeKey): RunNode | VersionNode => {
    const { type, pk } = splitKey(key);
    const found = type === "version" ? versions.get(pk) : runs.get(pk);
    if (!found) throw new Error(`lineage node ${key} vanished between two reads`);
    return found;
  };
  const nodes = keys.map(node);
  const edges: LineageEdge[] = steps.map((s, i) => {
    const [a, b] = [nodes[i] as RunNode | VersionNode, nodes[i + 1] as RunNode | VersionNode];
    const [source, target] = dir === "down" ? [a.id, b.id] : [b.id, a.id];
    return { id: `${s.kind}:${source}->${target}`, source, target, kind: s.kind };
  });
  return { from: nodes[0]?.id ?? "", to: nodes.at(-1)?.id ?? "", direction: dir, hops: steps.length, nodes, edges };
}
