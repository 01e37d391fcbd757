import { checkArtifactName, checkArtifactType } from "@/lib/names";
import { assertValid, ConflictError, NotFoundError } from "../../errors";
import type { ServiceContext } from "../../context";
import { ensureProject, getProject } from "../projects/projects";
import type { Namespace } from "../schemas";

import {
  insertCollection,
  listAliasesOfCollection,
  listProjectCollections,
  selectCollection,
  selectCollectionInNamespace,
  updateCollectionFields,
  type CollectionRow,
} from "@/db/queries/collections";

export type { CollectionRow };

export function findCollection(ctx: ServiceContext, projectId: number, name: string): Promise<CollectionRow | undefined> {
  return selectCollection(ctx, projectId, name);
}

export async function getCollection(ctx: ServiceContext, ns: Namespace, name: string): Promise<CollectionRow> {
  const row = await selectCollectionInNamespace(ctx, { entity: ns.entity, project: ns.project, name });
  if (!row) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
  if (row.id === null) throw new NotFoundError(`artifact ${ns.entity}/${ns.project}/${name} does not exist`);
  return row;
}

/**
 * Returns the collection for a write, creating it when new. A name is unique in a project
 * whatever its type, so logging `cats` as a model when it is a dataset is refused.
 */
export async function ensureCollection(ctx: ServiceContext, ns: Namespace, name: string, type: string | undefined): Promise<CollectionRow> {
  assertValid(checkArtifactName(name));
  if (type !== undefined) assertValid(checkArtifactType(type));
  const project = await ensureProject(ctx, ns);
  const existing = (await findCollection(ctx, project.id, name)) ?? (type === undefined ? undefined : await created(ctx, project.id, name, type));
  if (existing) {
    if (type !== undefined && existing.type !== type) {
      throw new ConflictError(
        `artifact \`${name}\` already exists as type \`${existing.type}\`; it cannot also be a \`${type}\`. Use another name, or log it as \`${existing.type}\`.`,
      );
    }
    return existing;
  }
  throw new NotFoundError(`artifact ${ns.entity}/${ns.project}/${name} does not exist; give a type to create it`);
}

/** Inserts the collection; if another instance created one of that name meanwhile, that one (whose type the caller checks). */
async function created(ctx: ServiceContext, projectId: number, name: string, type: string): Promise<CollectionRow | undefined> {
  return (await insertCollection(ctx, { projectId, name, type, now: ctx.now() })) ?? (await findCollection(ctx, projectId, name));
}

export interface CollectionSummary {
  name: string;
  type: string;
  description: string;
  versionCount: number;
  createdAt: string;
  updatedAt: string;
}

export async function listCollections(ctx: ServiceContext, ns: Namespace): Promise<CollectionSummary[]> {
  const project = await getProject(ctx, ns);
  return (await listProjectCollections(ctx, project.id)).map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString(), updatedAt: new Date(c.updatedAt).toISOString() }));
}

/** Edits a collection's description or type from the browser; a new type must be a valid type name. */
export async function updateCollection(ctx: ServiceContext, ns: Namespace, name: string, input: { description?: string; type?: string }): Promise<CollectionSummary> {
  const collection = await getCollection(ctx, ns, name);
  if (input.type !== undefined) assertValid(checkArtifactType(input.type));
  await updateCollectionFields(ctx, collection.id, { description: input.description ?? collection.description, type: input.type ?? collection.type, updatedAt: ctx.now() });
  return getCollectionSummary(ctx, ns, name);
}

export async function getCollectionSummary(ctx: ServiceContext, ns: Namespace, name: string): Promise<CollectionSummary & { totalSize: number }> {
  const c = await getCollection(ctx, ns, name);
  return {
    name: c.name,
    type: c.type,
    description: c.description,
    versionCount: c.versionCount,
    totalSize: c.totalSize,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

/** Every alias of a collection and the version it is on: the alias editor warns before moving one. */
export async function listCollectionAliases(ctx: ServiceContext, ns: Namespace, name: string): Promise<{ alias: string; version: string }[]> {
  const c = await getCollection(ctx, ns, name);
  return (await listAliasesOfCollection(ctx, c.id)).map((a) => ({ alias: a.alias, version: `v${a.versionIndex}` }));
}
