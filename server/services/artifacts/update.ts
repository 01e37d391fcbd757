import { reviseVersion } from "@/db/queries/versions";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../../errors";
import type { ServiceContext } from "../../context";
import { normalizeMetadata } from "../metadata";
import type { Namespace, UpdateVersionInput } from "../schemas";
import { transaction } from "@/db/transaction";
import { aliasesOf, moveAlias, removeAlias } from "./aliases";
import { loadVersionDto, type VersionDto } from "./dto";
import { recordEdit } from "./history";
import { resolveVersionForUpdate, type VersionRow } from "./resolve";

/**
 * Changes description, metadata and aliases of a version after commit. Every change is
 * recorded (who, when, before, after). With `expectedRevision`, a save based on a stale
 * copy is refused instead of silently overwriting someone else's edit.
 */
export async function updateVersion(ctx: ServiceContext, ns: Namespace, name: string, selector: string, input: UpdateVersionInput, actor: string): Promise<VersionDto> {
  const metadataPatch = input.metadata === undefined ? undefined : normalizeMetadata(input.metadata);
  const versionId = await transaction(ctx, async () => {
    // The collection is locked first (PostgreSQL): the revision check and the alias moves read what they then write.
    const { collection, version } = await resolveVersionForUpdate(ctx, ns, name, selector);
    const label = `${name}:${selector}`;
    if (version.state === "DELETED") throw new ConflictError(`${label} was deleted and can no longer be edited`);
    if (input.expectedRevision !== undefined && input.expectedRevision !== version.revision) {
      throw new PreconditionFailedError(
        `${label} was changed by someone else since you loaded it (your copy is revision ${input.expectedRevision}, it is now ${version.revision}); reload it and apply your change again`,
      );
    }
    let changed = false;
    const set: { description?: string; metadata?: string } = {};
    if (input.description !== undefined && input.description !== version.description) {
      await recordEdit(ctx, version.id, actor, "description", version.description, input.description);
      set.description = input.description;
      changed = true;
    }
    if (metadataPatch !== undefined) {
      const before = JSON.parse(version.metadata) as Record<string, unknown>;
      const after = input.replaceMetadata ? metadataPatch : { ...before, ...metadataPatch };
      const afterText = JSON.stringify(after);
      if (afterText !== version.metadata) {
        normalizeMetadata(after);
        await recordEdit(ctx, version.id, actor, "metadata", before, after);
        set.metadata = afterText;
        changed = true;
      }
    }
    if (input.aliases) changed = (await applyAliasChanges(ctx, collection.id, version, input.aliases, actor)) || changed;
    if (changed) await reviseVersion(ctx, { ...set, id: version.id, now: ctx.now() });
    return version.id;
  });
  return loadVersionDto(ctx, versionId);
}

async function applyAliasChanges(
  ctx: ServiceContext,
  collectionId: number,
  version: VersionRow,
  change: NonNullable<UpdateVersionInput["aliases"]>,
  actor: string,
): Promise<boolean> {
  const before = await aliasesOf(ctx, version.id);
  let add = change.add ?? [];
  let remove = change.remove ?? [];
  if (change.set !== undefined) {
    add = change.set;
    remove = before.filter((a) => !change.set!.includes(a));
  }
  for (const alias of remove) {
    if (!before.includes(alias)) throw new NotFoundError(`alias \`${alias}\` is not on this version (it has: ${before.join(", ") || "no aliases"})`);
  }
  if (add.length > 0 && version.state !== "COMMITTED") throw new ConflictError("aliases can only point at committed versions; finish the draft first");
  for (const alias of remove) await removeAlias(ctx, version.id, alias);
  for (const alias of add) {
    const previous = await moveAlias(ctx, collectionId, alias, version.id);
    if (previous !== null) {
      // The version losing the alias records it too, so its history explains where it went.
      const lost = await aliasesOf(ctx, previous);
      await recordEdit(ctx, previous, actor, "aliases", [...lost, alias], lost);
      await reviseVersion(ctx, { id: previous, now: ctx.now() });
    }
  }
  const after = await aliasesOf(ctx, version.id);
  if (JSON.stringify(after) === JSON.stringify(before)) return false;
  await recordEdit(ctx, version.id, actor, "aliases", before, after);
  return true;
}

export function addAlias(ctx: ServiceContext, ns: Namespace, name: string, selector: string, alias: string, actor: string): Promise<VersionDto> {
  return updateVersion(ctx, ns, name, selector, { aliases: { add: [alias] }, replaceMetadata: false }, actor);
}

export function deleteAlias(ctx: ServiceContext, ns: Namespace, name: string, selector: string, alias: string, actor: string): Promise<VersionDto> {
  return updateVersion(ctx, ns, name, selector, { aliases: { remove: [alias] }, replaceMetadata: false }, actor);
}
