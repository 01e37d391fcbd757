import { desc, eq } from "drizzle-orm";
import { versionEdits, type EditAction } from "@/db/schema";
import type { ServiceContext } from "../../context";

export function recordEdit(ctx: ServiceContext, versionId: number, actor: string, action: EditAction, before: unknown, after: unknown): void {
  ctx.db
    .insert(versionEdits)
    .values({ versionId, actor, action, before: JSON.stringify(before), after: JSON.stringify(after), createdAt: ctx.now() })
    .run();
}

export interface EditDto {
  id: number;
  actor: string;
  action: EditAction;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export function listEdits(ctx: ServiceContext, versionId: number): EditDto[] {
  return ctx.db
    .select()
    .from(versionEdits)
    .where(eq(versionEdits.versionId, versionId))
    .orderBy(desc(versionEdits.id))
    .all()
    .map((e) => ({
      id: e.id,
      actor: e.actor,
      action: e.action,
      before: JSON.parse(e.before) as unknown,
      after: JSON.parse(e.after) as unknown,
      createdAt: new Date(e.createdAt).toISOString(),
    }));
}
