import { findEntityKind, insertTeam, isEntityNameTaken, upsertMembership } from "@/db/queries/access";
import { transaction } from "@/db/transaction";
import { checkNamespacePart } from "@/lib/names";
import { ConflictError, ValidationError, assertValid } from "../../errors";
import type { ServiceContext } from "../../context";
import { recordAudit } from "./audit";

/** Names that are pages of their own (`/settings`, `/admin`, …), never entities. */
export const RESERVED_NAMES = new Set(["admin", "settings", "sign-in", "sign-out", "api", "_next", "local", "service", "anonymous"]);

/** A user, a team, or existing projects already use the name (users and teams share one namespace, as in W&B). */
export async function entityNameTaken(ctx: ServiceContext, name: string): Promise<boolean> {
  return RESERVED_NAMES.has(name) || (await isEntityNameTaken(ctx, name));
}

/** A new team; its creator becomes its admin. */
export async function createTeam(ctx: ServiceContext, input: { name: string; creatorId: string | null; actor: string }): Promise<{ name: string }> {
  assertValid(checkNamespacePart("team", input.name));
  if (RESERVED_NAMES.has(input.name)) throw new ValidationError(`${input.name} is reserved; pick another team name`);
  if (await entityNameTaken(ctx, input.name)) throw new ConflictError(`the name ${input.name} is taken by a user or team; pick another`);
  await transaction(ctx, async () => {
    // Checked again by the insert itself: a team of this name created since the check above wins.
    if (!(await insertTeam(ctx, input.name, ctx.now()))) throw new ConflictError(`the name ${input.name} is taken by a user or team; pick another`);
    if (input.creatorId) await upsertMembership(ctx, { userId: input.creatorId, entity: input.name, project: "", role: "admin", createdAt: ctx.now() });
    await recordAudit(ctx, { actor: input.actor, action: "team.create", target: input.name, entity: input.name });
  });
  return { name: input.name };
}

/**
 * Granting on a name that is neither a user nor a team (e.g. projects logged before accounts
 * were turned on) makes it a team, so the name cannot later be taken by a new user.
 */
export async function ensureTeamForGrant(ctx: ServiceContext, entity: string): Promise<void> {
  assertValid(checkNamespacePart("entity", entity));
  if ((await findEntityKind(ctx, entity)) === "none") await insertTeam(ctx, entity, ctx.now()); // a team made meanwhile is as good
}
