import type { ServiceContext } from "../../context";
import { getProject } from "../projects/projects";
import type { Namespace } from "../schemas";
import { loadRunNodes, loadVersionNodes } from "./load-nodes";
import { resolveNodeId, splitKey } from "./node-key";
import type { RunNode, VersionNode } from "./schemas";

/** One node by its URL id, for page titles; an unknown node is a NotFoundError naming it. */
export async function describeNode(ctx: ServiceContext, ns: Namespace, id: string): Promise<RunNode | VersionNode> {
  const project = await getProject(ctx, ns);
  const { type, pk } = splitKey(await resolveNodeId(ctx, project.id, `${ns.entity}/${ns.project}`, id));
  // Direction states are not needed for a title: reported as unknown-but-present ("more").
  const dirs = () => ({ up: "more" as const, down: "more" as const });
  const node = type === "version" ? (await loadVersionNodes(ctx, [pk], dirs)).get(pk) : (await loadRunNodes(ctx, [pk], project.id, dirs)).get(pk);
  if (!node) throw new Error(`node ${id} vanished between two reads`);
  return node;
}
