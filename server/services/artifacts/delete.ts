import { deleteVersionAliases } from "@/db/queries/aliases";
import { markVersionDeleted, recordDeleteInCollection } from "@/db/queries/versions";
import { ConflictError } from "../../errors";
import { recordAudit } from "../accounts/audit";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";
import { transaction } from "@/db/transaction";
import { aliasesOf } from "./aliases";
import { loadVersionDto, versionLabel, type VersionDto } from "./dto";
import { recordEdit } from "./history";
import { resolveVersionForUpdate, type VersionRow } from "./resolve";

/**
 * Soft-deletes a version: state DELETED, aliases gone, files left for garbage collection.
 * A version that still has aliases is refused unless the caller asks to delete them too.
 * Call it in a transaction that locked the version's collection (`resolveVersionForUpdate`): an alias
 * moved onto the version between the check and the delete would otherwise be deleted unasked.
 */
export async function deleteVersionRow(ctx: ServiceContext, collectionName: string, version: VersionRow, deleteAliases: boolean, actor: string): Promise<void> {
  if (version.state === "DELETED") return;
  const held = await aliasesOf(ctx, version.id);
  const label = versionLabel(collectionName, version.versionIndex, version.id);
  if (held.length > 0 && !deleteAliases) {
    const names = held.map((a) => `\`${a}\``).join(", ");
    throw new ConflictError(`${label} still has ${held.length === 1 ? "alias" : "aliases"} ${names}; pass deleteAliases (CLI: --delete-aliases) to delete ${label} with ${held.length === 1 ? "it" : "them"}, or move ${held.length === 1 ? "it" : "them"} first`);
  }
  const now = ctx.now();
  await deleteVersionAliases(ctx, version.id);
  await markVersionDeleted(ctx, version.id, now);
  if (version.state === "COMMITTED") await recordDeleteInCollection(ctx, { collectionId: version.collectionId, size: version.size, now });
  await recordEdit(ctx, version.id, actor, "delete", { state: version.state, aliases: held }, { state: "DELETED", aliases: [] });
}

export async function deleteVersion(ctx: ServiceContext, ns: Namespace, name: string, selector: string, deleteAliases: boolean, actor: string): Promise<VersionDto> {
  const id = await transaction(ctx, async () => {
    const { version } = await resolveVersionForUpdate(ctx, ns, name, selector);
    await deleteVersionRow(ctx, name, version, deleteAliases, actor);
    const label = versionLabel(name, version.versionIndex, version.id);
    await recordAudit(ctx, { actor, action: "version.delete", target: `${ns.entity}/${ns.project}/${label}`, entity: ns.entity, detail: { deleteAliases } });
    return version.id;
  });
  return loadVersionDto(ctx, id);
}
