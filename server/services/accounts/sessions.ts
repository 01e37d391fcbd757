import { deleteUserSession, listUserSessions } from "@/db/queries/sessions";
import { NotFoundError } from "../../errors";
import type { ServiceContext } from "../../context";
import { recordAudit } from "./audit";

export interface SessionDto {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** `currentId`: the session of the asking request, to mark "this browser". */
export async function listSessions(ctx: ServiceContext, input: { userId: string; currentId: string | null }): Promise<SessionDto[]> {
  return (await listUserSessions(ctx, input.userId, ctx.now())).map((s) => ({
    id: s.id,
    userAgent: s.userAgent,
    ipAddress: s.ipAddress,
    createdAt: new Date(s.createdAt).toISOString(),
    lastSeenAt: new Date(s.updatedAt).toISOString(),
    expiresAt: new Date(s.expiresAt).toISOString(),
    current: s.id === input.currentId,
  }));
}

export async function revokeSession(ctx: ServiceContext, input: { userId: string; username: string; id: string; actor: string }): Promise<void> {
  if (!(await deleteUserSession(ctx, input.userId, input.id))) throw new NotFoundError("that session has ended already");
  await recordAudit(ctx, { actor: input.actor, action: "session.revoke", target: input.username, entity: null });
}
