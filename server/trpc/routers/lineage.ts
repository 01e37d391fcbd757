import { getNeighbourhood } from "../../services/lineage/neighbourhood";
import { ZLineageGraph, ZNeighbourhoodInput } from "../../services/lineage/schemas";
import { publicProcedure, router } from "../init";

export const lineageRouter = router({
  /** The bounded run ↔ version neighbourhood of one node, or the next page of a cluster. */
  neighbourhood: publicProcedure
    .input(ZNeighbourhoodInput)
    .output(ZLineageGraph)
    .query(({ ctx, input: { entity, project, ...options } }) => getNeighbourhood(ctx.ctx, { entity, project }, options)),
});
