import { z } from "zod";
import { describeNode } from "../../services/lineage/describe";
import { getNeighbourhood } from "../../services/lineage/neighbourhood";
import { findLineagePath } from "../../services/lineage/path";
import { ZLineageGraph, ZLineagePath, ZNeighbourhoodInput, ZNodeId, ZPathInput, ZRunNode, ZVersionNode } from "../../services/lineage/schemas";
import { ZNamespace } from "../../services/schemas";
import { readProcedure, router, PURE_READ } from "../init";

export const lineageRouter = router({
  /** The bounded run ↔ version neighbourhood of one node, or the next page of a cluster. */
  neighbourhood: readProcedure.meta(PURE_READ)
    .input(ZNeighbourhoodInput)
    .output(ZLineageGraph)
    .query(({ ctx, input: { entity, project, ...options } }) => getNeighbourhood(ctx.ctx, { entity, project }, options)),
  /** One node by its URL id (page titles; refuses unknown nodes with a sentence). */
  node: readProcedure.meta(PURE_READ)
    .input(ZNamespace.extend({ node: ZNodeId }))
    .output(z.discriminatedUnion("kind", [ZRunNode, ZVersionNode]))
    .query(({ ctx, input: { node, ...ns } }) => describeNode(ctx.ctx, ns, node)),
  /** The shortest path along the data flow between two nodes (either way round), beyond the depth control's reach. */
  path: readProcedure.meta(PURE_READ)
    .input(ZPathInput)
    .output(ZLineagePath)
    .query(({ ctx, input: { entity, project, from, to } }) => findLineagePath(ctx.ctx, { entity, project }, { from, to })),
});
