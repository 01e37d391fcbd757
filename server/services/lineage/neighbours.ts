import type { ServiceContext } from "../../context";
import { stmt as sql } from "../statements";
import { runKey, splitKey, versionKey, type Direction, type NodeKey } from "./node-key";
import type { LineageEdgeKind } from "./schemas";

/**
 * One node's neighbours in one direction, read a page at a time. Every query walks one index
 * range in edge-id order (run_edges_version_idx, run_edges_run_kind_idx, versions_base_idx), so
 * the cost follows what is shown, never the size of the graph; the edge id is the keyset cursor.
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

type Row = { cursor: number; pk: number };
type Stmts = ReturnType<typeof prepare>;

function prepare(ctx: ServiceContext) {
  const s = ctx.sqlite;
  return {
    versionRuns: s.prepare<[number, string, number, number], Row>(
      "select id as cursor, run_id as pk from run_edges where version_id = ? and kind = ? and id > ? order by id limit ?",
    ),
    versionRunsCount: s.prepare<[number, string, number], { n: number }>(
      "select count(*) as n from run_edges where version_id = ? and kind = ? and id > ?",
    ),
    base: s.prepare<[number], { pk: number }>("select base_version_id as pk from versions where id = ? and base_version_id is not null"),
    patched: s.prepare<[number, number, number], Row>(
      "select id as cursor, id as pk from versions where base_version_id = ? and id > ? order by id limit ?",
    ),
    patchedCount: s.prepare<[number, number], { n: number }>("select count(*) as n from versions where base_version_id = ? and id > ?"),
    runScan: s.prepare<[number, string, number], Row & { cid: number }>(
      `select e.id as cursor, e.version_id as pk, v.collection_id as cid
       from (select id, version_id from run_edges where run_id = ? and kind = ? order by id limit ?) e
       join versions v on v.id = e.version_id order by e.id`,
    ),
    runPage: s.prepare<[number, string, number, number], Row>(
      "select id as cursor, version_id as pk from run_edges where run_id = ? and kind = ? and id > ? order by id limit ?",
    ),
    runCount: s.prepare<[number, string, number], { n: number }>("select count(*) as n from run_edges where run_id = ? and kind = ? and id > ?"),
    runCollectionPage: s.prepare<[number, string, number, number, number], Row>(
      `select e.id as cursor, e.version_id as pk from run_edges e join versions v on v.id = e.version_id
       where e.run_id = ? and e.kind = ? and e.id > ? and v.collection_id = ? order by e.id limit ?`,
    ),
    runCollectionCount: s.prepare<[number, string, number, number], { n: number }>(
      `select count(*) as n from run_edges e join versions v on v.id = e.version_id
       where e.run_id = ? and e.kind = ? and e.id > ? and v.collection_id = ?`,
    ),
  };
}

const cache = new WeakMap<object, Stmts>();
function stmts(ctx: ServiceContext): Stmts {
  let found = cache.get(ctx.sqlite);
  if (!found) cache.set(ctx.sqlite, (found = prepare(ctx)));
  return found;
}

/** The run_edges kind walked from a node in a direction, and the graph edge it draws. */
function runEdgeKind(type: "version" | "run", dir: Direction): "logged" | "used" {
  // A version's upstream runs logged it; a run's upstream versions were used by it.
  if (type === "version") return dir === "up" ? "logged" : "used";
  return dir === "up" ? "used" : "logged";
}

const toHops = (rows: Row[], make: (pk: number) => NodeKey): Hop[] => rows.map((r) => ({ key: make(r.pk), cursor: r.cursor }));

/** A group read from its start: `limit + 1` members, so the allocation can show a whole group of cap + 1. */
function versionSideGroup(id: "runs" | "patched", edge: LineageEdgeKind, read: (cursor: number, limit: number) => Row[], count: () => number, limit: number): SiblingGroup | null {
  const rows = read(0, limit + 1);
  if (rows.length === 0) return null;
  const make = id === "runs" ? runKey : versionKey;
  return { id, edge, members: id === "runs" ? "run" : "version", collectionId: null, total: rows.length <= limit ? rows.length : count(), first: toHops(rows, make), startCursor: 0 };
}

/** Every sibling group of `key` in `dir`, with enough first members to show `limit` of them. */
export function listGroups(ctx: ServiceContext, key: NodeKey, dir: Direction, limit: number): SiblingGroup[] {
  const s = stmts(ctx);
  const { type, pk } = splitKey(key);
  const kind = runEdgeKind(type, dir);
  if (type === "version") {
    const groups: SiblingGroup[] = [];
    const runs = versionSideGroup("runs", kind, (c, l) => s.versionRuns.all(pk, kind, c, l), () => s.versionRunsCount.get(pk, kind, 0)?.n ?? 0, limit);
    if (runs) groups.push(runs);
    if (dir === "up") {
      const base = s.base.get(pk);
      if (base) groups.push({ id: "base", edge: "patched", members: "version", collectionId: null, total: 1, first: [{ key: versionKey(base.pk), cursor: 0 }], startCursor: 0 });
    } else {
      const patched = versionSideGroup("patched", "patched", (c, l) => s.patched.all(pk, c, l), () => s.patchedCount.get(pk, 0)?.n ?? 0, limit);
      if (patched) groups.push(patched);
    }
    return groups;
  }
  // A run's versions, grouped by collection in order of first appearance (bounded scan).
  const rows = s.runScan.all(pk, kind, GROUP_SCAN);
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
    const rest = s.runCount.get(pk, kind, last.cursor)?.n ?? 0;
    if (rest > 0) groups.push({ id: "*", edge: kind, members: "version", collectionId: null, total: rest, first: [], startCursor: last.cursor });
  }
  return groups;
}

/** Reads one group from `cursor`, `limit` at a time (keyset), and how many remain after the page. */
export function pageGroup(ctx: ServiceContext, key: NodeKey, dir: Direction, groupId: string, cursor: number, limit: number): { hops: Hop[]; remaining: number; edge: LineageEdgeKind } {
  const s = stmts(ctx);
  const { type, pk } = splitKey(key);
  const kind = runEdgeKind(type, dir);
  let read: (c: number, l: number) => Row[];
  let count: (c: number) => number;
  let make: (pk: number) => NodeKey = versionKey;
  let edge: LineageEdgeKind = kind;
  if (type === "version" && groupId === "runs") {
    read = (c, l) => s.versionRuns.all(pk, kind, c, l);
    count = (c) => s.versionRunsCount.get(pk, kind, c)?.n ?? 0;
    make = runKey;
  } else if (type === "version" && groupId === "patched" && dir === "down") {
    read = (c, l) => s.patched.all(pk, c, l);
    count = (c) => s.patchedCount.get(pk, c)?.n ?? 0;
    edge = "patched";
  } else if (type === "run" && groupId === "*") {
    read = (c, l) => s.runPage.all(pk, kind, c, l);
    count = (c) => s.runCount.get(pk, kind, c)?.n ?? 0;
  } else if (type === "run" && /^c\d+$/.test(groupId)) {
    const cid = Number(groupId.slice(1));
    read = (c, l) => s.runCollectionPage.all(pk, kind, c, cid, l);
    count = (c) => s.runCollectionCount.get(pk, kind, c, cid)?.n ?? 0;
  } else {
    return { hops: [], remaining: 0, edge };
  }
  // limit + 2 rows: a page that would leave exactly one behind takes it too (no cluster of one).
  const rows = read(cursor, limit + 2);
  if (rows.length <= limit + 1) return { hops: toHops(rows, make), remaining: 0, edge };
  const shown = rows.slice(0, limit);
  return { hops: toHops(shown, make), remaining: count(shown.at(-1)?.cursor ?? cursor), edge };
}

/**
 * Which of `keys` have any neighbour in `dir` (for the expand buttons on the graph's rim), in one
 * query per node type: hundreds of single lookups cost more in call overhead than in SQLite.
 */
export function withNeighbours(ctx: ServiceContext, keys: NodeKey[], dir: Direction): Set<NodeKey> {
  const versionIds: number[] = [];
  const runPks: number[] = [];
  for (const key of keys) (key[0] === "v" ? versionIds : runPks).push(splitKey(key).pk);
  const found = new Set<NodeKey>();
  if (versionIds.length > 0) {
    const kind = runEdgeKind("version", dir);
    const related =
      dir === "up"
        ? "exists (select 1 from versions b where b.id = j.value and b.base_version_id is not null)"
        : "exists (select 1 from versions d where d.base_version_id = j.value)";
    const rows = sql<[string, string], { id: number }>(ctx, `select j.value as id from json_each(?) j
         where exists (select 1 from run_edges e where e.version_id = j.value and e.kind = ?) or ${related}`,
      )
      .all(JSON.stringify(versionIds), kind);
    for (const r of rows) found.add(versionKey(r.id));
  }
  if (runPks.length > 0) {
    const rows = sql<[string, string], { id: number }>(ctx, "select j.value as id from json_each(?) j where exists (select 1 from run_edges e where e.run_id = j.value and e.kind = ?)",
      )
      .all(JSON.stringify(runPks), runEdgeKind("run", dir));
    for (const r of rows) found.add(runKey(r.id));
  }
  return found;
}
