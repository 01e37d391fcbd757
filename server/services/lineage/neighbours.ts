import type { ServiceContext } from "../../context";
import {
  countPatchedVersions,
  countRunEdges,
  countVersionRunEdges,
  findBaseVersionId,
  listPatchedVersions,
  listRunEdges,
  listRunsWithEdges,
  listVersionRunEdges,
  listVersionsWithNeighbours,
  scanRunEdges,
  type EdgeRow,
} from "@/db/queries/lineage";
import { runKey, splitKey, versionKey, type Direction, type NodeKey } from "./node-key";
import type { LineageEdgeKind } from "./schemas";

/**
 * One node's neighbours in one direction, read a page at a time (db/queries/lineage.ts: every query
 * walks one index range in edge-id order, the edge id being the keyset cursor).
 */

/** A neighbour and the cursor just past it. */
export interface Hop {
  key: NodeKey;
  cursor: number;
}

/** Siblings that cluster together: a version's producing/consuming runs, a run's versions of one collection. */
export interface SiblingGroup {
  /** `runs`, `base`, `patched`, `c<collectionId>`, or `*` (a run's edges beyond the grouping scan). */
  id: string;
  edge: LineageEdgeKind;
  members: "version" | "run";
  collectionId: number | null;
  total: number;
  /** The first members in cursor order: at least as many as the allocation may show. */
  first: Hop[];
  /** Where a cluster of this group starts when none of it is shown. */
  startCursor: number;
}

/** How many of a run's edges are grouped by collection; beyond it, one mixed cluster pages the rest. */
export const GROUP_SCAN = 2000;

type Row = EdgeRow;

/** The run_edges kind walked from a node in a direction, and the graph edge it draws. */
function runEdgeKind(type: "version" | "run", dir: Direction): "logged" | "used" {
  // A version's upstream runs logged it; a run's upstream versions were used by it.
  if (type === "version") return dir === "up" ? "logged" : "used";
  return dir === "up" ? "used" : "logged";
}

const toHops = (rows: Row[], make: (pk: number) => NodeKey): Hop[] => rows.map((r) => ({ key: make(r.pk), cursor: r.cursor }));

/** A group read from its start: `limit + 1` members, so the allocation can show a whole group of cap + 1. */
async function versionSideGroup(
  id: "runs" | "patched",
  edge: LineageEdgeKind,
  read: (cursor: number, limit: number) => Promise<Row[]>,
  count: () => Promise<number>,
  limit: number,
): Promise<SiblingGroup | null> {
  const rows = await read(0, limit + 1);
  if (rows.length === 0) return null;
  const make = id === "runs" ? runKey : versionKey;
  return { id, edge, members: id === "runs" ? "run" : "version", collectionId: null, total: rows.length <= limit ? rows.length : await count(), first: toHops(rows, make), startCursor: 0 };
}

/** Every sibling group of `key` in `dir`, with enough first members to show `limit` of them. */
export async function listGroups(ctx: ServiceContext, key: NodeKey, dir: Direction, limit: number): Promise<SiblingGroup[]> {
  const { type, pk } = splitKey(key);
  const kind = runEdgeKind(type, dir);
  if (type === "version") {
    const groups: SiblingGroup[] = [];
    const runs = await versionSideGroup("runs", kind, (c, l) => listVersionRunEdges(ctx, pk, { kind, after: c, limit: l }), () => countVersionRunEdges(ctx, pk, { kind, after: 0 }), limit);
    if (runs) groups.push(runs);
    if (dir === "up") {
      const base = await findBaseVersionId(ctx, pk);
      if (base !== undefined) groups.push({ id: "base", edge: "patched", members: "version", collectionId: null, total: 1, first: [{ key: versionKey(base), cursor: 0 }], startCursor: 0 });
    } else {
      const patched = await versionSideGroup("patched", "patched", (c, l) => listPatchedVersions(ctx, pk, { after: c, limit: l }), () => countPatchedVersions(ctx, pk, 0), limit);
      if (patched) groups.push(patched);
    }
    return groups;
  }
  // A run's versions, grouped by collection in order of first appearance (bounded scan).
  const rows = await scanRunEdges(ctx, pk, { kind, limit: GROUP_SCAN });
  const byCollection = new Map<number, SiblingGroup>();
  for (const r of rows) {
    let g = byCollection.get(r.cid);
    if (!g) byCollection.set(r.cid, (g = { id: `c${r.cid}`, edge: kind, members: "version", collectionId: r.cid, total: 0, first: [], startCursor: 0 }));
    g.total++;
    g.first.push({ key: versionKey(r.pk), cursor: r.cursor });
  }
  const groups = [...byCollection.values()];
  const last = rows.at(-1);
  if (rows.length === GROUP_SCAN && last) {
    const rest = await countRunEdges(ctx, pk, { kind, after: last.cursor });
    if (rest > 0) groups.push({ id: "*", edge: kind, members: "version", collectionId: null, total: rest, first: [], startCursor: last.cursor });
  }
  return groups;
}

/** Reads one group from `cursor`, `limit` at a time (keyset), and how many remain after the page. */
export async function pageGroup(
  ctx: ServiceContext,
  key: NodeKey,
  dir: Direction,
  groupId: string,
  cursor: number,
  limit: number,
): Promise<{ hops: Hop[]; remaining: number; edge: LineageEdgeKind }> {
  const { type, pk } = splitKey(key);
  const kind = runEdgeKind(type, dir);
  let read: (c: number, l: number) => Promise<Row[]>;
  let count: (c: number) => Promise<number>;
  let make: (pk: number) => NodeKey = versionKey;
  let edge: LineageEdgeKind = kind;
  if (type === "version" && groupId === "runs") {
    read = (c, l) => listVersionRunEdges(ctx, pk, { kind, after: c, limit: l });
    count = (c) => countVersionRunEdges(ctx, pk, { kind, after: c });
    make = runKey;
  } else if (type === "version" && groupId === "patched" && dir === "down") {
    read = (c, l) => listPatchedVersions(ctx, pk, { after: c, limit: l });
    count = (c) => countPatchedVersions(ctx, pk, c);
    edge = "patched";
  } else if (type === "run" && groupId === "*") {
    read = (c, l) => listRunEdges(ctx, pk, { kind, after: c, limit: l });
    count = (c) => countRunEdges(ctx, pk, { kind, after: c });
  } else if (type === "run" && /^c\d+$/.test(groupId)) {
    const cid = Number(groupId.slice(1));
    read = (c, l) => listRunEdges(ctx, pk, { kind, after: c, limit: l, collectionId: cid });
    count = (c) => countRunEdges(ctx, pk, { kind, after: c, collectionId: cid });
  } else {
    return { hops: [], remaining: 0, edge };
  }
  // limit + 2 rows: a page that would leave exactly one behind takes it too (no cluster of one).
  const rows = await read(cursor, limit + 2);
  if (rows.length <= limit + 1) return { hops: toHops(rows, make), remaining: 0, edge };
  const shown = rows.slice(0, limit);
  return { hops: toHops(shown, make), remaining: await count(shown.at(-1)?.cursor ?? cursor), edge };
}

/**
 * Which of `keys` have any neighbour in `dir` (for the expand buttons on the graph's rim), in one
 * query per node type: hundreds of single lookups cost more in call overhead than in SQLite.
 */
export async function withNeighbours(ctx: ServiceContext, keys: NodeKey[], dir: Direction): Promise<Set<NodeKey>> {
  const versionIds: number[] = [];
  const runPks: number[] = [];
  for (const key of keys) (key[0] === "v" ? versionIds : runPks).push(splitKey(key).pk);
  const found = new Set<NodeKey>();
  if (versionIds.length > 0) {
    for (const id of await listVersionsWithNeighbours(ctx, versionIds, { dir, kind: runEdgeKind("version", dir) })) found.add(versionKey(id));
  }
  if (runPks.length > 0) {
    for (const pk of await listRunsWithEdges(ctx, runPks, runEdgeKind("run", dir))) found.add(runKey(pk));
  }
  return found;
}
