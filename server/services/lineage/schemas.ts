import { z } from "zod";

/**
 * The lineage graph on the wire (tRPC output) and its input. Node ids are what URLs carry:
 * `version:<db id>` and `run:<runId>` (a run of another project: `run:<entity>/<project>/<runId>`).
 * Clusters stand for the siblings beyond the per-node fan-out cap and are paged by `key` + `cursor`.
 */

export const FAN_OUT_DEFAULT = 25;
export const DEPTH_DEFAULT = 2;
export const MAX_NODES_DEFAULT = 1500;

export const ZNodeId = z.string().min(1).max(400);

export const ZNeighbourhoodInput = z.object({
  entity: z.string(),
  project: z.string(),
  start: ZNodeId,
  upstream: z.number().int().min(0).max(10).default(DEPTH_DEFAULT),
  downstream: z.number().int().min(0).max(10).default(DEPTH_DEFAULT),
  fanOut: z.number().int().min(1).max(500).default(FAN_OUT_DEFAULT),
  maxNodes: z.number().int().min(1).max(5000).default(MAX_NODES_DEFAULT),
  /** Page a cluster instead of walking from `start`. */
  expand: z.object({ cluster: z.string().min(1).max(200), cursor: z.number().int().nonnegative() }).optional(),
});
export type NeighbourhoodInput = z.input<typeof ZNeighbourhoodInput>;

/** Per direction: walked (every neighbour is in the answer or a cluster), more to walk, or nothing there. */
export const ZDirState = z.enum(["expanded", "more", "none"]);
export type DirState = z.infer<typeof ZDirState>;

const ZNodeBase = { id: z.string(), entity: z.string(), project: z.string(), up: ZDirState, down: ZDirState };

export const ZRunNode = z.object({
  ...ZNodeBase,
  kind: z.literal("run"),
  runId: z.string(),
  name: z.string(),
  jobType: z.string().nullable(),
  group: z.string().nullable(),
  state: z.string(),
});

export const ZVersionNode = z.object({
  ...ZNodeBase,
  kind: z.literal("version"),
  versionId: z.number(),
  collection: z.string(),
  type: z.string(),
  versionIndex: z.number().nullable(),
  /** `name:vN`, or `name:draft-ID` for a pending draft. */
  label: z.string(),
  aliases: z.array(z.string()),
  state: z.enum(["PENDING", "COMMITTED", "DELETED"]),
});

export const ZClusterNode = z.object({
  kind: z.literal("cluster"),
  id: z.string(),
  /** The node whose neighbours these are. */
  owner: z.string(),
  direction: z.enum(["up", "down"]),
  members: z.enum(["version", "run"]),
  count: z.number(),
  /** Set when every member is a version of one collection. */
  collection: z.string().nullable(),
  label: z.string(),
  key: z.string(),
  cursor: z.number(),
});

export const ZLineageNode = z.discriminatedUnion("kind", [ZRunNode, ZVersionNode, ZClusterNode]);

export const ZEdgeKind = z.enum(["logged", "used", "patched"]);
export type LineageEdgeKind = z.infer<typeof ZEdgeKind>;

export const ZLineageEdge = z.object({ id: z.string(), source: z.string(), target: z.string(), kind: ZEdgeKind });

export const ZLineageGraph = z.object({
  start: z.string(),
  nodes: z.array(ZLineageNode),
  edges: z.array(ZLineageEdge),
  /** The node budget ran out before the requested depth was reached. */
  truncated: z.boolean(),
});

export type RunNode = z.infer<typeof ZRunNode>;
export type VersionNode = z.infer<typeof ZVersionNode>;
export type ClusterNode = z.infer<typeof ZClusterNode>;
export type LineageNode = z.infer<typeof ZLineageNode>;
export type LineageEdge = z.infer<typeof ZLineageEdge>;
export type LineageGraph = z.infer<typeof ZLineageGraph>;

/** A path search's bounds: the demo's longest chain is ~11 hops; beyond 50 a path is no longer a thing to read. */
export const PATH_MAX_HOPS = 50;
export const PATH_MAX_VISITS = 20_000;

export const ZPathInput = z.object({
  entity: z.string(),
  project: z.string(),
  /** Node ids (`version:<id>`, `run:<runId>`) or artifact references of this project (`name:alias`). */
  from: ZNodeId,
  to: ZNodeId,
});

export const ZLineagePath = z.object({
  from: z.string(),
  to: z.string(),
  /** `down`: `to` was made from `from` (with the data flow); `up`: `from` was made from `to`. */
  direction: z.enum(["up", "down"]),
  hops: z.number(),
  /** From `from` to `to`, in order. */
  nodes: z.array(z.discriminatedUnion("kind", [ZRunNode, ZVersionNode])),
  /** In path order; each points with the data flow. */
  edges: z.array(ZLineageEdge),
});
export type LineagePath = z.infer<typeof ZLineagePath>;
