import type { ServiceContext } from "../../context";
import {
  countPatchedVersions,
  countRunEdges,
  countVersionRunEdges,
  listPatchedVersions,
  listRunEdges,
  listRunGroupRows,
  listVersionGroupRows,
  listVersionRunEdges,
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
  /** The collection's name when the group is one collection's versions (for the cluster's label). */
  collection?: string;
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

/**
 * Every sibling group of `key` in `dir`, with enough first members to show `limit` of them (the
 * allocation shows at most `limit + 1` of a group), in one statement per node: a node's groups are
 * read together, and a run's are grouped by collection in the database.
 */
export async function listGroups(ctx: ServiceContext, key: NodeKey, dir: Direction, limit: number): Promise<SiblingGroup[]> {
  const { type, pk } = splitKey(key);
  const kind = runEdgeKind(type, dir);
  if (type === "version") {
    const rows = await listVersionGroupRows(ctx, pk, { dir, kind, limit: limit + 1 });
    const runs = rows.filter((r) => r.g === 0);
    const versions = rows.filter((r) => r.g === 1);
    const groups: SiblingGroup[] = [];
    // A group longer than the read is counted (rare: a version used by more runs than the fan-out).
    if (runs.length > 0) {
      const total = runs.length <= limit ? runs.length : await countVersionRunEdges(ctx, pk, { kind, after: 0 });
      groups.push({ id: "runs", edge: kind, members: "run", collectionId: null, total, first: toHops(runs, runKey), startCursor: 0 });
    }
    if (versions.length > 0 && dir === "up") {
      groups.push({ id: "base", edge: "patched", members: "version", collectionId: null, total: 1, first: toHops(versions, versionKey), startCursor: 0 });
    } else if (versions.length > 0) {
      const total = versions.length <= limit ? versions.length : await countPatchedVersions(ctx, pk, 0);
      groups.push({ id: "patched", edge: "patched", members: "version", collectionId: null, total, first: toHops(versions, versionKey), startCursor: 0 });
    }
    return groups;
  }
  // A run's versions, grouped by collection in order of first appearance (bounded scan).
  const rows = await listRunGroupRows(ctx, pk, { kind, scan: GROUP_SCAN, perGroup: limit + 1 });
  const byCollection = new Map<number, SiblingGroup>();
  for (const r of rows) {
    let g = byCollection.get(r.cid);
    if (!g) byCollection.set(r.cid, (g = { id: `c${r.cid}`, edge: kind, members: "version", collectionId: r.cid, collection: r.collection ?? undefined, total: r.total, first: [], startCursor: 0 }));
    g.first.push({ key: versionKey(r.pk), cursor: r.cursor });
  }
  const groups = [...byCollection.values()];
  const scan = rows[0];
  if (scan && scan.scanned === GROUP_SCAN && scan.rest > 0) {
    groups.push({ id: "*", edge: kind, members: "version", collectionId: null, total: scan.rest, first: [], startCursor: scan.lastCursor });
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
