import { NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { runExists } from "@/db/queries/lineage";
import { versionExists } from "@/db/queries/versions";
import { getProject } from "../projects/projects";
import type { Namespace } from "../schemas";
import { allocateSlots } from "./allocate";
import { loadCollectionNames, loadRunNodes, loadVersionNodes, type HasNeighbours } from "./load-nodes";
import { listGroups, pageGroup, type Hop, type SiblingGroup } from "./neighbours";
import { resolveNodeId, splitKey, type Direction, type NodeKey } from "./node-key";
import { DEPTH_DEFAULT, FAN_OUT_DEFAULT, MAX_NODES_DEFAULT, type ClusterNode, type DirState, type LineageEdgeKind, type LineageGraph, type LineageNode } from "./schemas";

export interface NeighbourhoodOptions {
  start: string;
  upstream?: number;
  downstream?: number;
  /** Most neighbours shown per node and direction; the rest become cluster nodes. */
  fanOut?: number;
  /** Soft budget: no node is walked once this many are in the answer (it may overshoot by one fan-out). */
  maxNodes?: number;
  /** Next page of a cluster, instead of a walk from `start`. */
  expand?: { cluster: string; cursor: number };
}

interface PendingCluster {
  key: string;
  owner: NodeKey;
  dir: Direction;
  groupId: string;
  members: "version" | "run";
  collectionId: number | null;
  /** The collection's name when the walk read it with the group; looked up in `finish` otherwise. */
  collection?: string | undefined;
  edge: LineageEdgeKind;
  count: number;
  cursor: number;
}

/** Collects nodes, edges and clusters on primary keys; `finish` turns them into URL ids in a few batch queries. */
class GraphBuilder {
  readonly nodes = new Map<NodeKey, { up: boolean; down: boolean }>();
  readonly edges = new Map<string, { source: string; target: string; kind: LineageEdgeKind }>();
  readonly clusters: PendingCluster[] = [];
  truncated = false;

  /** Returns true when the node is new. */
  addNode(key: NodeKey): boolean {
    if (this.nodes.has(key)) return false;
    this.nodes.set(key, { up: false, down: false });
    return true;
  }

  addEdge(from: string, dir: Direction, to: string, kind: LineageEdgeKind) {
    // Edges point with the data: run → logged version, used version → run, base → patched version.
    const [source, target] = dir === "down" ? [from, to] : [to, from];
    this.edges.set(`${kind}:${source}->${target}`, { source, target, kind });
  }

  markWalked(key: NodeKey, dir: Direction) {
    const n = this.nodes.get(key);
    if (n) n[dir] = true;
  }

  /** Adds `hops` as neighbours of `key` and returns the ones not seen before. */
  addHops(key: NodeKey, dir: Direction, hops: Hop[], kind: LineageEdgeKind): NodeKey[] {
    const fresh: NodeKey[] = [];
    for (const hop of hops) {
      if (this.addNode(hop.key)) fresh.push(hop.key);
      this.addEdge(key, dir, hop.key, kind);
    }
    return fresh;
  }

  addCluster(c: PendingCluster) {
    this.clusters.push(c);
    this.addEdge(c.owner, c.dir, clusterId(c.key), c.edge);
  }
}

const clusterId = (key: string) => `cluster:${key}`;
/**
 * Nodes whose neighbours are read at once during a walk (at most this many reads are wasted when the
 * node budget runs out). SQLite answers in process, one read at a time whatever is asked: one node.
 */
const walkChunk = (ctx: ServiceContext) => (ctx.sql.dialect === "postgres" ? 8 : 1);
const clusterKey = (owner: NodeKey, dir: Direction, group: string) => `${owner}|${dir}|${group}`;

/** Walks one node in one direction, given its sibling groups: allocates the fan-out among them, clusters the rest. */
function walkNode(b: GraphBuilder, key: NodeKey, dir: Direction, groups: SiblingGroup[], fanOut: number): NodeKey[] {
  const takes = allocateSlots(
    groups.map((g) => (g.first.length === 0 ? 0 : g.total)),
    fanOut,
  );
  b.markWalked(key, dir);
  const fresh: NodeKey[] = [];
  groups.forEach((g, i) => {
    const shown = g.first.slice(0, takes[i] ?? 0);
    fresh.push(...b.addHops(key, dir, shown, g.edge));
    if (shown.length < g.total) {
      b.addCluster({
        key: clusterKey(key, dir, g.id),
        owner: key,
        dir,
        groupId: g.id,
        members: g.members,
        collectionId: g.collectionId,
        collection: g.collection,
        edge: g.edge,
        count: g.total - shown.length,
        cursor: shown.at(-1)?.cursor ?? g.startCursor,
      });
    }
  });
  return fresh;
}

function clusterLabel(count: number, members: "version" | "run", groupId: string, collection: string | null): string {
  const n = count.toLocaleString("en-US");
  if (members === "run") return `${n} more run${count === 1 ? "" : "s"}`;
  const versions = `${n} more version${count === 1 ? "" : "s"}`;
  if (groupId === "patched") return `${n} more patched version${count === 1 ? "" : "s"}`;
  return collection ? `${versions} of ${collection}` : versions;
}

/** Turns the builder's keys into URL ids and attaches node details, run states and direction states. */
async function finish(ctx: ServiceContext, b: GraphBuilder, start: NodeKey, projectId: number): Promise<LineageGraph> {
  const versionIds: number[] = [];
  const runPks: number[] = [];
  for (const key of b.nodes.keys()) (key[0] === "v" ? versionIds : runPks).push(splitKey(key).pk);
  const dirs = (key: NodeKey, has: HasNeighbours) => {
    const walked = b.nodes.get(key) ?? { up: false, down: false };
    const state = (dir: Direction): DirState => (walked[dir] ? "expanded" : has[dir] ? "more" : "none");
    return { up: state("up"), down: state("down") };
  };
  const unnamed = b.clusters.filter((c) => c.collection === undefined && c.collectionId !== null).map((c) => c.collectionId as number);
  // Independent reads, at once (PostgreSQL: one round trip of waiting instead of three).
  const [versions, runs, names] = await Promise.all([
    loadVersionNodes(ctx, versionIds, (id, has) => dirs(`v:${id}`, has)),
    loadRunNodes(ctx, runPks, projectId, (pk, has) => dirs(`r:${pk}`, has)),
    loadCollectionNames(ctx, [...new Set(unnamed)]),
  ]);
  const publicId = (key: string): string => {
    if (key.startsWith("cluster:")) return key;
    const { type, pk } = splitKey(key as NodeKey);
    return (type === "version" ? versions.get(pk)?.id : runs.get(pk)?.id) ?? key;
  };
  const clusters: ClusterNode[] = b.clusters.map((c) => {
    const collection = c.collectionId === null ? null : (c.collection ?? names.get(c.collectionId) ?? null);
    return {
      kind: "cluster",
      id: clusterId(c.key),
      owner: publicId(c.owner),
      direction: c.dir,
      members: c.members,
      count: c.count,
      collection,
      label: clusterLabel(c.count, c.members, c.groupId, collection),
      key: c.key,
      cursor: c.cursor,
    };
  });
  const nodes: LineageNode[] = [...versions.values(), ...runs.values(), ...clusters];
  const edges = [...b.edges.values()].map((e) => {
    const source = publicId(e.source);
    const target = publicId(e.target);
    return { id: `${e.kind}:${source}->${target}`, source, target, kind: e.kind };
  });
  return { start: publicId(start), nodes, edges, truncated: b.truncated };
}

function parseClusterKey(key: string): { owner: NodeKey; dir: Direction; group: string } {
  const m = /^([vr]:\d+)\|(up|down)\|(runs|patched|\*|c\d+)$/.exec(key);
  if (!m) throw new ValidationError(`\`${key}\` is not a cluster of this graph; reload the lineage view`);
  return { owner: m[1] as NodeKey, dir: m[2] as Direction, group: m[3] as string };
}

/** The next page of a cluster: its members, their edges to the owner, and the cluster again with what remains. */
async function expandCluster(ctx: ServiceContext, projectId: number, expand: { cluster: string; cursor: number }, fanOut: number): Promise<LineageGraph> {
  const { owner, dir, group } = parseClusterKey(expand.cluster);
  const ownerPk = splitKey(owner).pk;
  if (!(owner[0] === "v" ? await versionExists(ctx, ownerPk) : await runExists(ctx, ownerPk))) throw new NotFoundError("the node this cluster belongs to no longer exists; reload the lineage view");
  const b = new GraphBuilder();
  b.addNode(owner);
  b.markWalked(owner, dir);
  const page = await pageGroup(ctx, owner, dir, group, expand.cursor, fanOut);
  b.addHops(owner, dir, page.hops, page.edge);
  if (page.remaining > 0) {
    b.addCluster({
      key: expand.cluster,
      owner,
      dir,
      groupId: group,
      members: group === "runs" ? "run" : "version",
      collectionId: group.startsWith("c") ? Number(group.slice(1)) : null,
      edge: page.edge,
      count: page.remaining,
      cursor: page.hops.at(-1)?.cursor ?? expand.cursor,
    });
  }
  return finish(ctx, b, owner, projectId);
}

/**
 * The bounded neighbourhood of one node: `upstream` hops against the data flow and `downstream`
 * hops with it, walked breadth-first and alternating directions so a tight node budget is shared
 * fairly. Each walked node shows at most `fanOut` neighbours per direction; the rest are cluster
 * nodes paged with `expand`. Work is proportional to what is returned, never to the graph.
 */
export async function getNeighbourhood(ctx: ServiceContext, ns: Namespace, options: NeighbourhoodOptions): Promise<LineageGraph> {
  const fanOut = options.fanOut ?? FAN_OUT_DEFAULT;
  if (options.expand) return expandCluster(ctx, (await getProject(ctx, ns)).id, options.expand, fanOut);
  // The project and the start node are read at once; a missing project is reported first (the other
  // reads' failures are then left unobserved on purpose, not unhandled).
  const projectRead = getProject(ctx, ns);
  const projectId = projectRead.then((p) => p.id);
  const startRead = resolveNodeId(ctx, projectId, `${ns.entity}/${ns.project}`, options.start);
  for (const read of [projectId, startRead]) read.catch(() => undefined);
  const project = await projectRead;
  const start = await startRead;
  const depth = { up: options.upstream ?? DEPTH_DEFAULT, down: options.downstream ?? DEPTH_DEFAULT };
  const maxNodes = options.maxNodes ?? MAX_NODES_DEFAULT;
  const b = new GraphBuilder();
  b.addNode(start);
  const chunkSize = walkChunk(ctx);
  let frontier: Record<Direction, NodeKey[]> = { up: [start], down: [start] };
  for (let hop = 1; hop <= Math.max(depth.up, depth.down); hop++) {
    // Both directions' frontiers of a hop are known before it starts; their reads go out a chunk at a
    // time (PostgreSQL: on as many pooled connections, so a hop costs one round trip, not one per node)
    // and are applied in the walk's order, up before down, so the node budget cuts where it always did.
    const walks = (["up", "down"] as const).filter((dir) => hop <= depth[dir]).flatMap((dir) => frontier[dir].map((key) => ({ key, dir })));
    const next: Record<Direction, NodeKey[]> = { up: [], down: [] };
    for (let i = 0; i < walks.length && !b.truncated; i += chunkSize) {
      const chunk = walks.slice(i, i + chunkSize);
      const groups = await Promise.all(chunk.map(({ key, dir }) => listGroups(ctx, key, dir, fanOut)));
      for (const [j, { key, dir }] of chunk.entries()) {
        if (b.nodes.size >= maxNodes) {
          b.truncated = true;
          break;
        }
        next[dir].push(...walkNode(b, key, dir, groups[j] ?? [], fanOut));
      }
    }
    frontier = next;
  }
  return finish(ctx, b, start, project.id);
}
