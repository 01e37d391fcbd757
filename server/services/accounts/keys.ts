import crypto from "node:crypto";
import { deleteApiKey, findApiKeyByHash, findApiKeyByName, insertApiKey, listApiKeys, lockUser, touchApiKey, type ApiKeyRow } from "@/db/queries/access";
import { transaction } from "@/db/transaction";
import { checkNamespacePart } from "@/lib/names";
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError, assertValid } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Principal } from "../../access/principal";
import { recordAudit } from "./audit";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const KEY_PREFIX = "arca-";
const SECRET_LENGTH = 40;
/** W&B's client accepts `prefix-` + 40 characters of [A-Za-z0-9_]; so do we, and longer. */
export const KEY_PATTERN = /^(?:[A-Za-z0-9_]+-)?[A-Za-z0-9_]{40,}$/;
/** last_used_at is written at most this often per key, so a busy key is not a write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface ApiKeyDto {
  name: string;
  start: string;
  entity: string | null;
  project: string | null;
  readOnly: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const hashKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

function toDto(row: ApiKeyRow, now: number): ApiKeyDto {
  return {
    name: row.name,
    start: row.start,
    entity: row.entity,
    project: row.project,
    readOnly: row.readOnly,
    createdAt: new Date(row.createdAt).toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
    expired: row.expiresAt !== null && row.expiresAt <= now,
  };
}

function generateSecret(): string {
  let out = "";
  while (out.length < SECRET_LENGTH) {
    for (const byte of crypto.randomBytes(64)) {
      // 248 = 4 × 62: dropping the rest keeps every character equally likely.
      if (byte < 248 && out.length < SECRET_LENGTH) out += ALPHABET[byte % 62];
    }
  }
  return KEY_PREFIX + out;
}

export interface CreateKeyInput {
  userId: string;
  username: string;
  name: string;
  entity?: string | null;
  project?: string | null;
  readOnly?: boolean;
  /** Days until it stops working; none: never. */
  expiresInDays?: number | null;
  actor: string;
}

/** The key itself is returned once, here; only its hash is stored. */
export async function createApiKey(ctx: ServiceContext, input: CreateKeyInput): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const name = input.name.trim();
  if (!/^[A-Za-z0-9_.@ -]{1,64}$/.test(name)) throw new ValidationError(`invalid key name ${JSON.stringify(input.name)}: use 1-64 letters, digits, spaces, '_', '.', '@' or '-'`);
  const entity = input.entity || null;
  const project = input.project || null;
  if (project !== null && entity === null) throw new ValidationError("a key limited to a project needs its entity too");
  if (entity !== null) assertValid(checkNamespacePart("entity", entity));
  if (project !== null) assertValid(checkNamespacePart("project", project));
  const days = input.expiresInDays ?? null;
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650)) throw new ValidationError("expiresInDays must be a whole number of days from 1 to 3650");
  const key = generateSecret();
  const now = ctx.now();
  const row = {
    userId: input.userId,
    name,
    keyHash: hashKey(key),
    start: key.slice(0, KEY_PREFIX.length + 4),
    entity,
    project,
    readOnly: input.readOnly ?? false,
    createdAt: now,
    expiresAt: days === null ? null : now + days * 86_400_000,
  };
  const id = await transaction(ctx, async () => {
    // The owner's row is locked before the name is checked (PostgreSQL): two creations of one name
    // wait for each other, and the second gets the conflict below rather than a unique-index failure.
    if (!(await lockUser(ctx, input.userId))) throw new NotFoundError(`${input.username} has no account any more`);
    if (await findApiKeyByName(ctx, input.userId, name)) throw new ConflictError(`you already have a key named ${name}; revoke it or pick another name`);
    const inserted = await insertApiKey(ctx, row);
    await recordAudit(ctx, { actor: input.actor, action: "key.create", target: `${input.username}/${name}`, entity: null, detail: { owner: input.username, entity, project, readOnly: row.readOnly, expiresAt: iso(row.expiresAt) } });
    return inserted;
  });
  return { key, apiKey: toDto({ ...row, id, lastUsedAt: null }, now) };
}

export async function listKeys(ctx: ServiceContext, input: { userId: string }): Promise<ApiKeyDto[]> {
  const now = ctx.now();
  return (await listApiKeys(ctx, input.userId)).map((r) => toDto(r, now));
}

export async function revokeApiKey(ctx: ServiceContext, input: { userId: string; username: string; name: string; actor: string }): Promise<void> {
  const row = await findApiKeyByName(ctx, input.userId, input.name);
  if (!row) throw new NotFoundError(`${input.username} has no API key named ${input.name}`);
  await transaction(ctx, async () => {
    await deleteApiKey(ctx, row.id);
    await recordAudit(ctx, { actor: input.actor, action: "key.revoke", target: `${input.username}/${row.name}`, entity: null, detail: { owner: input.username } });
  });
}

/** The principal behind a key; unknown, revoked and expired keys are refused alike (401). */
export async function verifyApiKey(ctx: ServiceContext, key: string): Promise<Principal> {
  if (!KEY_PATTERN.test(key)) throw new UnauthorizedError("that API key is not valid: it is revoked, expired or mistyped; create a new one under Settings → API keys");
  const row = await findApiKeyByHash(ctx, hashKey(key));
  const now = ctx.now();
  if (!row) throw new UnauthorizedError("that API key is not valid: it is revoked, expired or mistyped; create a new one under Settings → API keys");
  if (row.expiresAt !== null && row.expiresAt <= now) throw new UnauthorizedError(`API key ${row.name} expired on ${new Date(row.expiresAt).toISOString().slice(0, 10)}; create a new one under Settings → API keys`);
  if (row.lastUsedAt === null || now - row.lastUsedAt > TOUCH_EVERY_MS) {
    await touchApiKey(ctx, row.id, now);
  }
  return {
    kind: "user",
    userId: row.userId,
    name: row.username,
    isAdmin: row.isAdmin,
    key: { keyId: row.id, keyName: row.name, entity: row.entity, project: row.project, readOnly: row.readOnly },
  };
}
