import { insertAuditEvent, listAuditEvents, type AuditAction } from "@/db/queries/access";
import type { ServiceContext } from "../../context";

export interface AuditInput {
  actor: string;
  action: AuditAction;
  target: string;
  /** The entity the event belongs to, so its admins can see it; null for instance-wide events. */
  entity: string | null;
  detail?: Record<string, unknown>;
}

export function recordAudit(ctx: ServiceContext, input: AuditInput): Promise<void> {
  return insertAuditEvent(ctx, { ...input, detail: JSON.stringify(input.detail ?? {}), createdAt: ctx.now() });
}

export interface AuditEventDto {
  id: number;
  actor: string;
  action: AuditAction;
  target: string;
  entity: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

/** Newest first; `cursor` is the last id of the previous page. */
export async function listAudit(
  ctx: ServiceContext,
  input: { entity: string | null; cursor?: string | null; limit?: number },
): Promise<{ items: AuditEventDto[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const beforeId = input.cursor ? Number(input.cursor) || 0 : Number.MAX_SAFE_INTEGER;
  const rows = await listAuditEvents(ctx, { beforeId, limit: limit + 1, entity: input.entity });
  const items = rows.slice(0, limit).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown>, createdAt: new Date(r.createdAt).toISOString() }));
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
}
