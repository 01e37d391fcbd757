import { countEntityAdmins, deleteMembership, findMembership, findUserByUsername, listEntityMembers, lockEntityAdmins, upsertMembership, type Role, type UserRow } from "@/db/queries/access";
import { transaction } from "@/db/transaction";
import { checkNamespacePart } from "@/lib/names";
import { ConflictError, NotFoundError, assertValid } from "../../errors";
import type { ServiceContext } from "../../context";
import { recordAudit } from "./audit";
import { ensureTeamForGrant } from "./entities";

export interface MemberDto {
  username: string;
  name: string;
  /** '' for the entity-wide role, else the project it overrides. */
  project: string;
  role: Role;
  createdAt: string;
}

export async function listMembers(ctx: ServiceContext, input: { entity: string }): Promise<MemberDto[]> {
  return (await listEntityMembers(ctx, input.entity)).map((m) => ({ username: m.username, name: m.name, project: m.project, role: m.role, createdAt: new Date(m.createdAt).toISOString() }));
}

async function requireUser(ctx: ServiceContext, username: string): Promise<UserRow> {
  const user = await findUserByUsername(ctx, username);
  if (!user) throw new NotFoundError(`there is no user named ${username}; an instance admin can create one`);
  return user;
}

export interface GrantInput {
  username: string;
  entity: string;
  /** Absent or '': the entity-wide role. */
  project?: string;
  role: Role;
  actor: string;
}

/** Grants (or changes) a role; a project role overrides the entity's role for that project. */
export async function grantRole(ctx: ServiceContext, input: GrantInput): Promise<MemberDto> {
  const project = input.project ?? "";
  if (project !== "") assertValid(checkNamespacePart("project", project));
  const user = await requireUser(ctx, input.username);
  const now = ctx.now();
  await transaction(ctx, async () => {
    await ensureTeamForGrant(ctx, input.entity);
    const before = (await findMembership(ctx, user.id, input.entity, project)) ?? null;
    await upsertMembership(ctx, { userId: user.id, entity: input.entity, project, role: input.role, createdAt: now });
    const target = project ? `${input.entity}/${project}` : input.entity;
    await recordAudit(ctx, { actor: input.actor, action: "role.grant", target, entity: input.entity, detail: { user: user.username, role: input.role, before } });
  });
  return { username: user.username, name: user.name, project, role: input.role, createdAt: new Date(now).toISOString() };
}

export async function revokeRole(ctx: ServiceContext, input: { username: string; entity: string; project?: string; actor: string }): Promise<void> {
  const project = input.project ?? "";
  const user = await requireUser(ctx, input.username);
  const scope = project ? `${input.entity}/${project}` : input.entity;
  await transaction(ctx, async () => {
    // The entity's admins are locked before they are counted (PostgreSQL): see lockEntityAdmins.
    if (project === "") await lockEntityAdmins(ctx, input.entity);
    const before = await findMembership(ctx, user.id, input.entity, project);
    if (!before) throw new NotFoundError(`${user.username} has no role on ${scope}`);
    // A team keeps at least one admin, or nobody could manage it any more (instance admins aside).
    if (project === "" && before === "admin" && (await countEntityAdmins(ctx, input.entity)) === 1) {
      throw new ConflictError(`${user.username} is the last admin of ${input.entity}; make someone else admin first`);
    }
    await deleteMembership(ctx, user.id, input.entity, project);
    await recordAudit(ctx, { actor: input.actor, action: "role.revoke", target: scope, entity: input.entity, detail: { user: user.username, before } });
  });
}
