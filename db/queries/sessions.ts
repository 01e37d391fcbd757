import { and, eq } from "drizzle-orm";
import { sessions } from "../schema";
import { prepared } from "../statements";
import type { AccessDb } from "./access";

export interface SessionRow {
  id: string;
  token: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** A user's sessions that have not expired, newest first. */
export function listUserSessions({ sqlite }: AccessDb, userId: string, now: number): SessionRow[] {
  return prepared<[string, number], SessionRow>(
    sqlite,
    `select id, token, user_agent as userAgent, ip_address as ipAddress, created_at as createdAt, updated_at as updatedAt, expires_at as expiresAt
     from sessions where user_id = ? and expires_at > ? order by created_at desc`,
  ).all(userId, now);
}

/** Deleting the row signs the session out everywhere: every request looks its token up. */
export function deleteUserSession({ db }: AccessDb, userId: string, id: string): boolean {
  return db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, id))).run().changes > 0;
}
