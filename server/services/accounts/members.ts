import { countEntityAdmins, deleteMembership, findMembership, findUserByUsername, listEntityMembers, upsertMembership, type Role, type UserRow } from "@/db/queries/access";
import { inTransaction } from "@/db/transaction";
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

export function listMembers(ctx: ServiceContext, input: { entity: string }): MemberDto[] {
  return listEntityMembers(ctx, input.entity).map((m) => ({ username: m.username, name: m.name, project: m.project, role: m.role, createdAt: new Date(m.createdAt).toISOString() }));
}

function requireUser(ctx: ServiceContext, username: string): UserRow {
  const user = findUserByUsername(ctx, username);
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
export function grantRole(ctx: ServiceContext, input: GrantInput): MemberDto {
  const project = input.project ?? "";
  if (project !== "") assertValid(checkNamespacePart("project", project));
  const user = requireUser(ctx, input.username);
  const now = ctx.now();
  inTransaction(ctx, () => {
    ensureTeamForGrant(ctx, input.entity);
    const before = findMembership(ctx, user.id, input.entity, project) ?? null;
    upsertMembership(ctx, { userId: user.id, entity: input.entity, project, role: input.role, createdAt: now });
    const target = project ? `${input.entity}/${project}` : input.entity;
    recordAudit(ctx, { actor: input.actor, action: "role.grant", target, entity: input.entity, detail: { user: user.username, role: input.role, before } });
  });
  return { username: user.username, name: user.name, project, role: input.role, createdAt: new Date(now).toISOString() };
}

export function revokeRole(ctx: ServiceContext, input: { username: string; entity: string; project?: string; actor: string }): void {
  const project = input.project ?? "";
  const user = requireUser(ctx, input.username);
  const scope = project ? `${input.entity}/${project}` : input.entity;
  inTransaction(ctx, () => {
    const before = findMembership(ctx, user.id, input.entity, project);
    if (!before) throw new NotFoundError(`${user.username} has no role on ${scope}`);
    // A team keeps at least one admin, or nobody could manage it any more (instance admins aside).
    if (project === "" && before === "admin" && countEntityAdmins(ctx, input.entity) === 1) {
      throw new ConflictError(`${user.username} is the last admin of ${input.entity}; make someone else admin first`);
    }
    deleteMembership(ctx, user.id, input.entity, project);
    recordAudit(ctx, { actor: input.actor, action: "role.revoke", target: scope, entity: input.entity, detail: { user: user.username, before } });
  });
}
