import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { createdAt, timestampMs } from "./columns";

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Teams are entities that are not users. A user's own username is their personal entity. */
export const teams = sqliteTable("teams", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

/**
 * A role on an entity (project = '') or on one project of it, which overrides the entity's role
 * for that project (up or down).
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    project: text("project").notNull().default(""),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_user_scope_uq").on(t.userId, t.entity, t.project), index("memberships_entity_idx").on(t.entity, t.project)],
);

/**
 * API keys: only a SHA-256 of the key is stored (keys are 40+ random characters, so a fast hash
 * is enough; no salt needed against guessing). `start` keeps the first characters for display.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    start: text("start").notNull(),
    /** Optional limits: one entity, or one entity/project; read-only. */
    entity: text("entity"),
    project: text("project"),
    readOnly: integer("read_only", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestampMs("last_used_at"),
    expiresAt: timestampMs("expires_at"),
  },
  (t) => [uniqueIndex("api_keys_user_name_uq").on(t.userId, t.name)],
);

export const AUDIT_ACTIONS = [
  "user.create",
  "user.delete",
  "user.admin",
  "team.create",
  "role.grant",
  "role.revoke",
  "key.create",
  "key.revoke",
  "session.revoke",
  "version.delete",
  "cleanup",
  "gc",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did what to access and data: never updated, never deleted by the application. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actor: text("actor").notNull(),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    /** What it was done to: a user name, `entity[/project]`, a version ref, … */
    target: text("target").notNull(),
    entity: text("entity"),
    detail: text("detail").notNull().default("{}"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_entity_idx").on(t.entity, t.id)],
);
