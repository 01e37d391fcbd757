import { findRoles, listProjectsHoldingBlob, listUserMemberships, type Role } from "@/db/queries/access";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../errors";
import type { ServiceContext } from "../context";
import type { Namespace } from "../services/schemas";
import { isInstanceAdmin, type Principal, type SignedIn, type UserPrincipal } from "./principal";

/**
 * The one access policy. tRPC procedures (server/trpc/init.ts), the HTTP route guard
 * (server/http/handler.ts) and server-rendered pages all ask it; nothing else decides access.
 *
 * Roles: viewer reads; editor also logs and edits descriptions, metadata and aliases; admin also
 * deletes, cleans up, collects garbage and manages members. A role is held on an entity and can
 * be overridden (up or down) per project. A user is admin of their personal entity.
 * No access at all looks exactly like a missing project (404), so names do not leak.
 */
export type Access = "read" | "write" | "admin";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
const NEEDS: Record<Access, Role> = { read: "viewer", write: "editor", admin: "admin" };
const VERB: Record<Access, string> = { read: "reading", write: "logging and editing", admin: "deleting, cleanup and managing members" };

export function assertSignedIn(p: Principal): asserts p is SignedIn {
  if (p.kind === "anonymous") throw new UnauthorizedError();
}

/** The role `p` holds on one project (null: none, the project is invisible to them). */
export async function projectRole(ctx: ServiceContext, p: Principal, ns: Namespace): Promise<Role | null> {
  if (p.kind === "anonymous") return null;
  if (p.kind !== "user") return "admin";
  const key = p.key;
  if (key && ((key.entity !== null && key.entity !== ns.entity) || (key.project !== null && key.project !== ns.project))) return null;
  const role = p.isAdmin ? "admin" : await userRole(ctx, p, ns.entity, ns.project);
  return role && key?.readOnly ? "viewer" : role;
}

/** The role on the entity itself (members, teams): project grants do not count. */
export async function entityRole(ctx: ServiceContext, p: Principal, entity: string): Promise<Role | null> {
  if (p.kind === "anonymous") return null;
  if (p.kind !== "user") return "admin";
  const key = p.key;
  if (key && ((key.entity !== null && key.entity !== entity) || key.project !== null)) return null;
  const role = p.isAdmin ? "admin" : await userRole(ctx, p, entity, "");
  return role && key?.readOnly ? "viewer" : role;
}

async function userRole(ctx: ServiceContext, p: UserPrincipal, entity: string, project: string): Promise<Role | null> {
  const rows = await findRoles(ctx, p.userId, entity, project);
  const override = project === "" ? undefined : rows.find((r) => r.project === project);
  if (override) return override.role;
  const entityWide = rows.find((r) => r.project === "");
  if (entityWide) return entityWide.role;
  return entity === p.name ? "admin" : null;
}

export async function authorizeProject(ctx: ServiceContext, p: Principal, access: Access, ns: Namespace): Promise<void> {
  assertSignedIn(p);
  const role = await projectRole(ctx, p, ns);
  if (role === null) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
  refuseBelow(p, role, access, `${ns.entity}/${ns.project}`);
}

export async function authorizeEntity(ctx: ServiceContext, p: Principal, access: Access, entity: string): Promise<void> {
  assertSignedIn(p);
  const role = await entityRole(ctx, p, entity);
  if (role === null) throw new NotFoundError(`entity ${entity} does not exist`);
  refuseBelow(p, role, access, entity);
}

function refuseBelow(p: SignedIn, role: Role, access: Access, scope: string): void {
  if (RANK[role] >= RANK[NEEDS[access]]) return;
  if (p.kind === "user" && p.key?.readOnly) throw new ForbiddenError(`API key ${p.key.keyName} is read-only; ${VERB[access]} needs a key without that limit`);
  throw new ForbiddenError(`you are ${role === "admin" ? "an" : "a"} ${role} of ${scope}; ${VERB[access]} needs the ${NEEDS[access]} role (ask an admin of ${scope.split("/")[0]})`);
}

export function authorizeInstanceAdmin(p: Principal): void {
  assertSignedIn(p);
  if (!isInstanceAdmin(p)) throw new ForbiddenError("only instance admins can do this");
}

/**
 * Blob bytes are content-addressed and shared by every project, so uploading needs only a
 * signed-in principal that may write somewhere (a read-only key may not).
 */
export function authorizeBlobUpload(p: Principal): void {
  assertSignedIn(p);
  if (p.kind === "user" && p.key?.readOnly) throw new ForbiddenError(`API key ${p.key.keyName} is read-only; uploading needs a key without that limit`);
}

/** Reading a blob by hash: allowed when a live version in a readable project holds it. */
export async function authorizeBlobRead(ctx: ServiceContext, p: Principal, sha256: string): Promise<void> {
  assertSignedIn(p);
  if (isInstanceAdmin(p)) return;
  for (const ns of await listProjectsHoldingBlob(ctx, sha256, 200)) if ((await projectRole(ctx, p, ns)) !== null) return;
  throw new NotFoundError(`blob ${sha256} is not stored`);
}

/** For lists: whether `p` may see a project at all (one query per list, not per row). */
export async function projectVisibility(ctx: ServiceContext, p: Principal): Promise<(ns: Namespace) => boolean> {
  if (p.kind === "anonymous") return () => false;
  if (p.kind !== "user") return () => true;
  const key = p.key;
  const inKeyScope = (ns: Namespace) => !key || ((key.entity === null || key.entity === ns.entity) && (key.project === null || key.project === ns.project));
  if (p.isAdmin) return inKeyScope;
  const entities = new Set<string>([p.name]);
  const projects = new Set<string>();
  for (const m of await listUserMemberships(ctx, p.userId)) {
    if (m.project === "") entities.add(m.entity);
    else projects.add(`${m.entity}/${m.project}`);
  }
  return (ns) => inKeyScope(ns) && (entities.has(ns.entity) || projects.has(`${ns.entity}/${ns.project}`));
}

/**
 * One's own keys and sessions: a person (signed in, or with a key without limits). A limited key
 * cannot make itself a broader one; local mode and the service key have no account to manage.
 */
export function authorizeOwnAccount(p: Principal): asserts p is UserPrincipal {
  assertSignedIn(p);
  if (p.kind !== "user") throw new ForbiddenError(p.kind === "local" ? "accounts are off (local mode): start Arca with ARCA_AUTH=1 to have users and API keys" : "the service key has no account; sign in as a user");
  if (p.key && (p.key.readOnly || p.key.entity !== null)) throw new ForbiddenError(`API key ${p.key.keyName} is limited; manage keys with a key without limits or in the browser`);
}
