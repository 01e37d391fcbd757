import type { DbHandle } from "../client";
import type { AuditAction, Role } from "../schema/access";

/** The queries behind accounts, roles, keys and the audit log. Services compose them. */

/** The roles and audit actions the schema stores, for services and the CLI to name (constants, no table objects). */
export { ROLES, type AuditAction, type Role } from "../schema/access";

export interface UserRow {
  id: string;
  username: string;
  name: string;
  email: string;
  isAdmin: boolean;
  createdAt: number;
}

type RawUser = Omit<UserRow, "isAdmin"> & { isAdmin: number };
const USER_COLUMNS = "u.id, u.username, u.name, u.email, u.is_admin as isAdmin, u.created_at as createdAt";
const toUser = (r: RawUser): UserRow => ({ ...r, isAdmin: r.isAdmin === 1 });

export async function findUserById({ sql }: DbHandle, id: string): Promise<UserRow | undefined> {
  const row = await sql.get<RawUser>(`select ${USER_COLUMNS} from users u where u.id = ?`, [id]);
  return row && toUser(row);
}

export async function findUserByUsername({ sql }: DbHandle, username: string): Promise<UserRow | undefined> {
  const row = await sql.get<RawUser>(`select ${USER_COLUMNS} from users u where u.username = ?`, [username]);
  return row && toUser(row);
}

export async function listUsers({ sql }: DbHandle): Promise<UserRow[]> {
  return (await sql.all<RawUser>(`select ${USER_COLUMNS} from users u order by u.username`)).map(toUser);
}

/**
 * Locks the instance admins' rows until the transaction ends (PostgreSQL): two admins taking each
 * other's admin flag at once would both see "another admin is left" and leave none.
 */
export async function lockInstanceAdmins({ sql }: DbHandle): Promise<void> {
  await sql.all("select id from users where is_admin = 1 for update");
}

export async function countUsers({ sql }: DbHandle): Promise<number> {
  return (await sql.get<{ n: number }>("select count(*) as n from users"))!.n;
}

export async function setUserAdmin({ sql }: DbHandle, id: string, isAdmin: boolean, now: number): Promise<void> {
  await sql.run("update users set is_admin = ?, updated_at = ? where id = ?", [isAdmin ? 1 : 0, now, id]);
}

/** Sessions, accounts, keys and memberships go with the user (foreign keys cascade). */
export async function deleteUser({ sql }: DbHandle, id: string): Promise<void> {
  await sql.run("delete from users where id = ?", [id]);
}

/** True when a user, a team or existing data already use the name as an entity. */
export async function isEntityNameTaken({ sql }: DbHandle, name: string): Promise<boolean> {
  const row = await sql.get<{ n: number }>(
    `select case when exists(select 1 from users where username = ?) or exists(select 1 from teams where name = ?)
               or exists(select 1 from projects where entity = ?) then 1 else 0 end as n`,
    [name, name, name],
  );
  return row!.n === 1;
}

export type EntityKind = "user" | "team" | "none";

export async function findEntityKind({ sql }: DbHandle, name: string): Promise<EntityKind> {
  const row = await sql.get<{ kind: EntityKind }>(
    `select 'user' as kind from users where username = ? union all select 'team' as kind from teams where name = ? limit 1`,
    [name, name],
  );
  return row?.kind ?? "none";
}

/** False when a team of that name exists already (nothing is written then). */
export async function insertTeam({ sql }: DbHandle, name: string, now: number): Promise<boolean> {
  return (await sql.run("insert into teams (name, created_at) values (?, ?) on conflict do nothing", [name, now])).changes > 0;
}

/** The roles a user holds on an entity ('' = entity-wide) and on one of its projects. */
export function findRoles({ sql }: DbHandle, userId: string, entity: string, project: string): Promise<{ project: string; role: Role }[]> {
  return sql.all<{ project: string; role: Role }>("select project, role from memberships where user_id = ? and entity = ? and project in ('', ?)", [userId, entity, project]);
}

export interface MembershipRow {
  entity: string;
  project: string;
  role: Role;
}

export function listUserMemberships({ sql }: DbHandle, userId: string): Promise<MembershipRow[]> {
  return sql.all<MembershipRow>("select entity, project, role from memberships where user_id = ? order by entity, project", [userId]);
}

export interface MemberRow extends MembershipRow {
  userId: string;
  username: string;
  name: string;
  createdAt: number;
}

export function listEntityMembers({ sql }: DbHandle, entity: string): Promise<MemberRow[]> {
  return sql.all<MemberRow>(
    `select m.user_id as userId, u.username, u.name, m.entity, m.project, m.role, m.created_at as createdAt
     from memberships m join users u on u.id = m.user_id where m.entity = ? order by m.project, u.username`,
    [entity],
  );
}

export async function findMembership({ sql }: DbHandle, userId: string, entity: string, project: string): Promise<Role | undefined> {
  return (await sql.get<{ role: Role }>("select role from memberships where user_id = ? and entity = ? and project = ?", [userId, entity, project]))?.role;
}

export async function upsertMembership({ sql }: DbHandle, row: MembershipRow & { userId: string; createdAt: number }): Promise<void> {
  await sql.run(
    "insert into memberships (user_id, entity, project, role, created_at) values (?, ?, ?, ?, ?) on conflict (user_id, entity, project) do update set role = excluded.role",
    [row.userId, row.entity, row.project, row.role, row.createdAt],
  );
}

export async function deleteMembership({ sql }: DbHandle, userId: string, entity: string, project: string): Promise<boolean> {
  return (await sql.run("delete from memberships where user_id = ? and entity = ? and project = ?", [userId, entity, project])).changes > 0;
}

export async function countEntityAdmins({ sql }: DbHandle, entity: string): Promise<number> {
  return (await sql.get<{ n: number }>("select count(*) as n from memberships where entity = ? and project = '' and role = 'admin'", [entity]))!.n;
}

/**
 * Locks the entity's admin memberships until the transaction ends (PostgreSQL): two admins revoking
 * each other at once would both see "one other admin left" and leave the team with none.
 */
export async function lockEntityAdmins({ sql }: DbHandle, entity: string): Promise<void> {
  await sql.all("select id from memberships where entity = ? and project = '' and role = 'admin' for update", [entity]);
}

/**
 * Locks the user's row until the transaction ends (PostgreSQL): key creation takes it before checking
 * that the name is free, so two creations of one name wait for each other instead of one hitting the
 * unique index. False when the user is gone.
 */
export async function lockUser({ sql }: DbHandle, id: string): Promise<boolean> {
  return (await sql.get("select id from users where id = ? for update", [id])) !== undefined;
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

/** Stores a key (its hash, never the key) and returns its id. */
export async function insertApiKey({ sql }: DbHandle, row: Omit<ApiKeyRow, "id" | "lastUsedAt"> & { keyHash: string }): Promise<number> {
  const inserted = await sql.get<{ id: number }>(
    "insert into api_keys (user_id, name, key_hash, start, entity, project, read_only, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
    [row.userId, row.name, row.keyHash, row.start, row.entity, row.project, row.readOnly ? 1 : 0, row.createdAt, row.expiresAt],
  );
  return inserted!.id;
}

export async function listApiKeys({ sql }: DbHandle, userId: string): Promise<ApiKeyRow[]> {
  return (await sql.all<RawKey>(`select ${KEY_COLUMNS} from api_keys k where k.user_id = ? order by k.created_at desc, k.id desc`, [userId])).map(toKey);
}

export async function findApiKeyByName({ sql }: DbHandle, userId: string, name: string): Promise<ApiKeyRow | undefined> {
  const row = await sql.get<RawKey>(`select ${KEY_COLUMNS} from api_keys k where k.user_id = ? and k.name = ?`, [userId, name]);
  return row && toKey(row);
}

export interface KeyOwnerRow extends ApiKeyRow {
  username: string;
  isAdmin: boolean;
}

/** The hot path of every keyed request: one index seek on the hash. */
export async function findApiKeyByHash({ sql }: DbHandle, keyHash: string): Promise<KeyOwnerRow | undefined> {
  const row = await sql.get<RawKey & { username: string; isAdmin: number }>(
    `select ${KEY_COLUMNS}, u.username, u.is_admin as isAdmin from api_keys k join users u on u.id = k.user_id where k.key_hash = ?`,
    [keyHash],
  );
  return row && { ...toKey(row), username: row.username, isAdmin: row.isAdmin === 1 };
}

export async function touchApiKey({ sql }: DbHandle, id: number, now: number): Promise<void> {
  await sql.run("update api_keys set last_used_at = ? where id = ?", [now, id]);
}

export async function deleteApiKey({ sql }: DbHandle, id: number): Promise<void> {
  await sql.run("delete from api_keys where id = ?", [id]);
}

export async function insertAuditEvent(
  { sql }: DbHandle,
  row: { actor: string; action: AuditAction; target: string; entity: string | null; detail: string; createdAt: number },
): Promise<void> {
  await sql.run("insert into audit_events (actor, action, target, entity, detail, created_at) values (?, ?, ?, ?, ?, ?)", [
    row.actor,
    row.action,
    row.target,
    row.entity,
    row.detail,
    row.createdAt,
  ]);
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

const AUDIT_COLUMNS = "id, actor, action, target, entity, detail, created_at as createdAt";
const AUDIT_SQL = {
  all: `select ${AUDIT_COLUMNS} from audit_events where id < ? order by id desc limit ?`,
  entity: `select ${AUDIT_COLUMNS} from audit_events where entity = ? and id < ? order by id desc limit ?`,
};

/** Newest first, keyset-paged by id; `entity` narrows to one entity's events. */
export function listAuditEvents({ sql }: DbHandle, opts: { beforeId: number; limit: number; entity: string | null }): Promise<AuditRow[]> {
  return opts.entity === null ? sql.all<AuditRow>(AUDIT_SQL.all, [opts.beforeId, opts.limit]) : sql.all<AuditRow>(AUDIT_SQL.entity, [opts.entity, opts.beforeId, opts.limit]);
}

/** Projects with a live version that holds the blob (who may download it by hash). */
export function listProjectsHoldingBlob({ sql }: DbHandle, sha256: string, limit: number): Promise<{ entity: string; project: string }[]> {
  return sql.all<{ entity: string; project: string }>(
    `select distinct p.entity, p.name as project from entries e
       join versions v on v.id = e.version_id and v.state != 'DELETED'
       join collections c on c.id = v.collection_id
       join projects p on p.id = c.project_id
     where e.blob_sha256 = ? limit ?`,
    [sha256, limit],
  );
}
