import { NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { findRunPk, findRunPkInNamespace } from "@/db/queries/lineage";
import { versionExists } from "@/db/queries/versions";

/**
 * Inside the service a node is a `NodeKey` on primary keys (`v:12`, `r:7`); on the wire it is the
 * URL form (`version:12`, `run:<runId>`). Run ids are only unique inside a project, so a run of
 * another project than the one being browsed carries its namespace: `run:<entity>/<project>/<runId>`.
 */
export type NodeKey = `v:${number}` | `r:${number}`;
export type Direction = "up" | "down";

export const versionKey = (id: number): NodeKey => `v:${id}`;
export const runKey = (pk: number): NodeKey => `r:${pk}`;

export function splitKey(key: NodeKey): { type: "version" | "run"; pk: number } {
  return { type: key[0] === "v" ? "version" : "run", pk: Number(key.slice(2)) };
}

const NODE_FORMAT = "a lineage node is `version:<id>` or `run:<runId>`";

/**
 * Resolves a URL node id to its key; unknown nodes are a NotFoundError naming what was asked for. The
 * browsed project's id may still be on its way: only a run id of that project waits for it.
 */
export async function resolveNodeId(ctx: ServiceContext, projectId: number | Promise<number>, nsLabel: string, id: string): Promise<NodeKey> {
  const colon = id.indexOf(":");
  const kind = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (colon < 0 || rest === "") throw new ValidationError(`${NODE_FORMAT}, not \`${id}\``);
  if (kind === "version") {
    if (!/^\d{1,15}$/.test(rest)) throw new ValidationError(`${NODE_FORMAT}: \`${rest}\` is not a version id`);
    if (!(await versionExists(ctx, Number(rest)))) throw new NotFoundError(`version ${rest} does not exist; it may have been removed, or the link is wrong`);
    return versionKey(Number(rest));
  }
  if (kind === "run") {
    const parts = rest.split("/");
    const pk =
      parts.length === 3
        ? await findRunPkInNamespace(ctx, { entity: parts[0] ?? "", project: parts[1] ?? "", runId: parts[2] ?? "" })
        : await findRunPk(ctx, await projectId, rest);
    if (pk === undefined) throw new NotFoundError(`run ${rest} does not exist in ${parts.length === 3 ? parts.slice(0, 2).join("/") : nsLabel}`);
    return runKey(pk);
  }
  throw new ValidationError(`${NODE_FORMAT}, not \`${id}\``);
}
