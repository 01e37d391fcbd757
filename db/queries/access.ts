import { and, eq } from "drizzle-orm";
import type { LegacyDbHandle } from "../client";
import { apiKeys, auditEvents, memberships, teams, users, type AuditAction, type Role } from "../schema";
import { prepared } from "../statements";

/** The queries behind accounts, roles, keys and the audit log. Services compose them. */
export type AccessDb = LegacyDbHandle;

/** The roles and audit actions the schema stores, for services and the CLI to name. */
export { ROLES, type AuditAction, type Role } from "../schema";

export interface UserRow {
  id: string;
  username: string;
  name: string;
  email: string;
  isAdmin: boolean;
  createdAt: number;
}

const USER_COLUMNS = "u.id, u.username, u.name, u.email, u.is_admin as isAdmin, u.created_at as createdAt";
const toUser = (r: (Omit<UserRow, "isAdmin"> & { isAdmin: number }) | undefined): UserRow | undefined => (r ? { ...r, isAdmin: r.isAdmin === 1 } : undefined);

export function findUserById({ sqlite }: AccessDb, id: string): UserRow | undefined {
  return toUser(prepared<[string], Omit<UserRow, "isAdmin"> & { isAdmin: number }>(sqlite, `select ${USER_COLUMNS} from users u where u.id = ?`).get(id));
}

export function findUserByUsername({ sqlite }: AccessDb, username: string): UserRow | undefined {
  return toUser(prepared<[string], Omit<UserRow, "isAdmin"> & { isAdmin: number }>(sqlite, `select ${USER_COLUMNS} from users u where u.username = ?`).get(username));
}

export function listUsers({ sqlite }: AccessDb): UserRow[] {
  return prepared<[], Omit<UserRow, "isAdmin"> & { isAdmin: number }>(sqlite, `select ${USER_COLUMNS} from users u order by u.username`)
    .all()
    .map((r) => toUser(r)!);
}

export function countUsers({ sqlite }: AccessDb): number {
  return prepared<[], { n: number }>(sqlite, "select count(*) as n from users").get()!.n;
}

export function setUserAdmin({ db }: AccessDb, id: string, isAdmin: boolean, now: number): void {
  db.update(users).set({ isAdmin, updatedAt: new Date(now) }).where(eq(users.id, id)).run();
}

/** Sessions, accounts, keys and memberships go with the user (foreign keys cascade). */
export function deleteUser({ db }: AccessDb, id: string): void {
  db.delete(users).where(eq(users.id, id)).run();
}

/** True when a user, a team or existing data already use the name as an entity. */
export function isEntityNameTaken({ sqlite }: AccessDb, name: string): boolean {
  return (
    prepared<[string, string, string], { n: number }>(
      sqlite,
      `select (exists(select 1 from users where username = ?) or exists(select 1 from teams where name = ?)
               or exists(select 1 from projects where entity = ?)) as n`,
    ).get(name, name, name)!.n === 1
  );
}

export type EntityKind = "user" | "team" | "none";

export function findEntityKind({ sqlite }: AccessDb, name: string): EntityKind {
  const row = prepared<[string, string], { kind: EntityKind }>(
    sqlite,
    `select 'user' as kind from users where username = ? union all select 'team' from teams where name = ? limit 1`,
  ).get(name, name);
  return row?.kind ?? "none";
}

export function insertTeam({ db }: AccessDb, name: string, now: number): void {
  db.insert(teams).values({ name, createdAt: now }).onConflictDoNothing().run();
}

/** The roles a user holds on an entity ('' = entity-wide) and on one of its projects. */
export function findRoles({ sqlite }: AccessDb, userId: string, entity: string, project: string): { project: string; role: Role }[] {
  return prepared<[string, string, string], { project: string; role: Role }>(
    sqlite,
    "select project, role from memberships where user_id = ? and entity = ? and project in ('', ?)",
  ).all(userId, entity, project);
}

export interface MembershipRow {
  entity: string;
  project: string;
  role: Role;
}

export function listUserMemberships({ sqlite }: AccessDb, userId: string): MembershipRow[] {
  return prepared<[string], MembershipRow>(sqlite, "select entity, project, role from memberships where user_id = ? order by entity, project").all(userId);
}

export interface MemberRow extends MembershipRow {
  userId: string;
  username: string;
  name: string;
  createdAt: number;
}

export function listEntityMembers({ sqlite }: AccessDb, entity: string): MemberRow[] {
  return prepared<[string], MemberRow>(
    sqlite,
    `select m.user_id as userId, u.username, u.name, m.entity, m.project, m.role, m.created_at as createdAt
     from memberships m join users u on u.id = m.user_id where m.entity = ? order by m.project, u.username`,
  ).all(entity);
}

export function findMembership({ sqlite }: AccessDb, userId: string, entity: string, project: string): Role | undefined {
  return prepared<[string, string, string], { role: Role }>(sqlite, "select role from memberships where user_id = ? and entity = ? and project = ?").get(userId, entity, project)?.role;
}

export function upsertMembership({ db }: AccessDb, row: MembershipRow & { userId: string; createdAt: number }): void {
  db.insert(memberships)
    .values(row)
    .onConflictDoUpdate({ target: [memberships.userId, memberships.entity, memberships.project], set: { role: row.role } })
    .run();
}

export function deleteMembership({ db }: AccessDb, userId: string, entity: string, project: string): boolean {
  const result = db
    .delete(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.entity, entity), eq(memberships.project, project)))
    .run();
  return result.changes > 0;
}

export function countEntityAdmins({ sqlite }: AccessDb, entity: string): number {
  return prepared<[string], { n: number }>(sqlite, "select count(*) as n from memberships where entity = ? and project = '' and role = 'admin'").get(entity)!.n;
}

export interface ApiKeyRow {
  id: number;
  userId: string;
  name: string;
  start: string;
  entity: string | null;
  project: string | null;
  readOnly: boolean;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

const KEY_COLUMNS = "k.id, k.user_id as userId, k.name, k.start, k.entity, k.project, k.read_only as readOnly, k.created_at as createdAt, k.last_used_at as lastUsedAt, k.expires_at as expiresAt";
type RawKey = Omit<ApiKeyRow, "readOnly"> & { readOnly: number };
const toKey = (r: RawKey): ApiKeyRow => ({ ...r, readOnly: r.readOnly === 1 });

export function insertApiKey({ db }: AccessDb, row: Omit<ApiKeyRow, "id" | "lastUsedAt"> & { keyHash: string }): void {
  db.insert(apiKeys).values(row).run();
}

export function listApiKeys({ sqlite }: AccessDb, userId: string): ApiKeyRow[] {
  return prepared<[string], RawKey>(sqlite, `select ${KEY_COLUMNS} from api_keys k where k.user_id = ? order by k.created_at desc, k.id desc`).all(userId).map(toKey);
}

export function findApiKeyByName({ sqlite }: AccessDb, userId: string, name: string): ApiKeyRow | undefined {
  const row = prepared<[string, string], RawKey>(sqlite, `select ${KEY_COLUMNS} from api_keys k where k.user_id = ? and k.name = ?`).get(userId, name);
  return row && toKey(row);
}

export interface KeyOwnerRow extends ApiKeyRow {
  username: string;
  isAdmin: boolean;
}

/** The hot path of every keyed request: one index seek on the hash. */
export function findApiKeyByHash({ sqlite }: AccessDb, keyHash: string): KeyOwnerRow | undefined {
  const row = prepared<[string], RawKey & { username: string; isAdmin: number }>(
    sqlite,
    `select ${KEY_COLUMNS}, u.username, u.is_admin as isAdmin from api_keys k join users u on u.id = k.user_id where k.key_hash = ?`,
  ).get(keyHash);
  return row && { ...toKey(row), username: row.username, isAdmin: row.isAdmin === 1 };
}

export function touchApiKey({ sqlite }: AccessDb, id: number, now: number): void {
  prepared<[number, number]>(sqlite, "update api_keys set last_used_at = ? where id = ?").run(now, id);
}

export function deleteApiKey({ db }: AccessDb, id: number): void {
  db.delete(apiKeys).where(eq(apiKeys.id, id)).run();
}

export function insertAuditEvent({ db }: AccessDb, row: { actor: string; action: AuditAction; target: string; entity: string | null; detail: string; createdAt: number }): void {
  db.insert(auditEvents).values(row).run();
}

export interface AuditRow {
  id: number;
  actor: string;
  action: AuditAction;
  target: string;
  entity: string | null;
  detail: string;
  createdAt: number;
}

/** Newest first, keyset-paged by id; `entity` narrows to one entity's events. */
export function listAuditEvents({ sqlite }: AccessDb, opts: { beforeId: number; limit: number; entity: string | null }): AuditRow[] {
  const cols = "id, actor, action, target, entity, detail, created_at as createdAt";
  return opts.entity === null
    ? prepared<[number, number], AuditRow>(sqlite, `select ${cols} from audit_events where id < ? order by id desc limit ?`).all(opts.beforeId, opts.limit)
    : prepared<[string, number, number], AuditRow>(sqlite, `select ${cols} from audit_events where entity = ? and id < ? order by id desc limit ?`).all(opts.entity, opts.beforeId, opts.limit);
}

/** Projects with a live version that holds the blob (who may download it by hash). */
export function listProjectsHoldingBlob({ sqlite }: AccessDb, sha256: string, limit: number): { entity: string; project: string }[] {
  return prepared<[string, number], { entity: string; project: string }>(
    sqlite,
    `select distinct p.entity, p.name as project from entries e
       join versions v on v.id = e.version_id and v.state != 'DELETED'
       join collections c on c.id = v.collection_id
       join projects p on p.id = c.project_id
     where e.blob_sha256 = ? limit ?`,
  ).all(sha256, limit);
}
