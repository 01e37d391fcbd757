import { findAliasTarget } from "@/db/queries/aliases";
import { findVersionById, findVersionByIndex, findVersionInNamespace, lockCollection, type VersionRow } from "@/db/queries/versions";
import { parseRef } from "@/lib/names";
import { NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";
import { getCollection, type CollectionRow } from "./collections";

export type { VersionRow };

const INDEX_SELECTOR = /^v(\d+)$/;
const DRAFT_SELECTOR = /^draft-(\d+)$/;

/** A selector is `vN`, an alias, or `draft-ID` (a pending collaborative version). */
export async function resolveInCollection(ctx: ServiceContext, collection: CollectionRow, selector: string): Promise<VersionRow> {
  const label = `${collection.name}:${selector}`;
  const indexMatch = INDEX_SELECTOR.exec(selector);
  if (indexMatch) {
    const row = await findVersionByIndex(ctx, collection.id, Number(indexMatch[1]));
    if (!row) throw new NotFoundError(`version ${label} does not exist`);
    return row;
  }
  const aliasTarget = await findAliasTarget(ctx, collection.id, selector);
  if (aliasTarget !== undefined) return await getVersionById(ctx, aliasTarget);
  const draftMatch = DRAFT_SELECTOR.exec(selector);
  if (draftMatch) {
    const row = await findVersionById(ctx, Number(draftMatch[1]));
    // Drafts never committed have no index; this also finds a deleted draft, for its page and history.
    if (row && row.collectionId === collection.id && row.versionIndex === null) return row;
  }
  throw new NotFoundError(`${label} does not exist: no version or alias \`${selector}\``);
}

export async function getVersionById(ctx: ServiceContext, id: number): Promise<VersionRow> {
  const row = await findVersionById(ctx, id);
  if (!row) throw new NotFoundError(`version #${id} does not exist`);
  return row;
}

export interface ResolvedVersion {
  collection: CollectionRow;
  version: VersionRow;
}

export async function resolveVersion(ctx: ServiceContext, ns: Namespace, name: string, selector: string): Promise<ResolvedVersion> {
  const indexMatch = INDEX_SELECTOR.exec(selector);
  if (indexMatch) {
    // The common read (a version page, a file, a table page): one statement, with the same errors as the steps below.
    const found = await findVersionInNamespace(ctx, { entity: ns.entity, project: ns.project, name, index: Number(indexMatch[1]) });
    if (!found) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
    if (!found.collection) throw new NotFoundError(`artifact ${ns.entity}/${ns.project}/${name} does not exist`);
    if (!found.version) throw new NotFoundError(`version ${name}:${selector} does not exist`);
    return { collection: found.collection, version: found.version };
  }
  const collection = await getCollection(ctx, ns, name);
  return { collection, version: await resolveInCollection(ctx, collection, selector) };
}

/**
 * The same for a writer about to change the version or its aliases: inside its transaction, the
 * collection is locked BEFORE the selector is resolved (PostgreSQL), so neither an alias the selector
 * names nor the version's state or revision can change under it until it commits.
 */
export async function resolveVersionForUpdate(ctx: ServiceContext, ns: Namespace, name: string, selector: string): Promise<ResolvedVersion> {
  const collection = await getCollection(ctx, ns, name);
  await lockCollection(ctx, collection.id);
  return { collection, version: await resolveInCollection(ctx, collection, selector) };
}

/** Resolves `[entity/][project/]name[:selector]`; missing parts come from `defaults`. */
export async function resolveRef(ctx: ServiceContext, defaults: Namespace, ref: string): Promise<ResolvedVersion> {
  const parsed = parseRef(ref);
  if (typeof parsed === "string") throw new ValidationError(parsed);
  const ns = { entity: parsed.entity ?? defaults.entity, project: parsed.project ?? defaults.project };
  return await resolveVersion(ctx, ns, parsed.name, parsed.selector);
}

export function requireCommitted(version: VersionRow, label: string): void {
  if (version.state === "COMMITTED") return;
  if (version.state === "DELETED") throw new NotFoundError(`${label} was deleted`);
  throw new ValidationError(`${label} is a draft (PENDING): finish it before using it`);
}
