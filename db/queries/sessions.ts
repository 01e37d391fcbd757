import type { DbHandle } from "../client";

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
export function listUserSessions({ sql }: DbHandle, userId: string, now: number): Promise<SessionRow[]> {
  return sql.all<SessionRow>(
    `select id, token, user_agent as userAgent, ip_address as ipAddress, created_at as createdAt, updated_at as updatedAt, expires_at as expiresAt
     from sessions where user_id = ? and expires_at > ? order by created_at desc`,
    [userId, now],
  );
}

/** Deleting the row signs the session out everywhere: every request looks its token up. */
export async function deleteUserSession({ sql }: DbHandle, userId: string, id: string): Promise<boolean> {
  return (await sql.run("delete from sessions where user_id = ? and id = ?", [userId, id])).changes > 0;
}
