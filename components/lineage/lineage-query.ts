import { parseAsInteger, parseAsString } from "nuqs/server";

// Shared by the lineage panel (client) and the pages that show it (server), which prefetch its first graph (issue 13).

export const DEPTHS = [1, 2, 3, 4, 5, 6];
export const FAN_OUTS = [8, 25, 50, 100];
/** Nodes one answer may hold; deeper or wider views grow from the rim with the +/− buttons. */
export const MAX_NODES = 1500;

/** URL state: shared by the explorer and the version/run pages' lineage tabs. */
export const lineageParams = {
  depth: parseAsInteger.withDefault(2),
  // Fans wider than this fold into a "N more" node by default (issue 14: a hub's 40 checkpoints buried the chain).
  fanout: parseAsInteger.withDefault(8),
  sel: parseAsString,
  /** The other end of a highlighted path: a node id or an artifact reference. */
  to: parseAsString,
};

const clamp = (value: number, allowed: number[]) => (allowed.includes(value) ? value : (allowed.find((a) => a >= value) ?? allowed.at(-1) ?? value));

/** The depth and fan-out the URL asks for, snapped to the toolbar's choices. */
export function lineageView(params: { depth: number; fanout: number }) {
  return { depth: clamp(params.depth, DEPTHS), fanOut: clamp(params.fanout, FAN_OUTS) };
}

/** The first graph around `node` as the panel asks for it (the server prefetches exactly this). */
export function neighbourhoodInput(p: { entity: string; project: string }, node: string, params: { depth: number; fanout: number }) {
  const { depth, fanOut } = lineageView(params);
  return { ...p, start: node, upstream: depth, downstream: depth, fanOut, maxNodes: MAX_NODES };
}

/** The highlighted path's input, or null when the URL names none. */
export function pathInput(p: { entity: string; project: string }, node: string, to: string | null) {
  const end = to?.trim() || null;
  return end === null ? null : { ...p, from: node, to: end };
}
