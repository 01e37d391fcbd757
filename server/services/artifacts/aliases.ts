import { and, eq } from "drizzle-orm";
import { aliases } from "@/db/schema";
import { checkAlias } from "@/lib/names";
import { assertValid } from "../../errors";
import type { ServiceContext } from "../../context";

/**
 * Points `alias` at `versionId`, moving it off whichever version had it: one UPSERT on the
 * (collection, alias) unique index, so the alias is never on two versions nor on none.
 * Returns the version it was on before (null when new, or already here).
 */
export function moveAlias(ctx: ServiceContext, collectionId: number, alias: string, versionId: number): number | null {
  assertValid(checkAlias(alias));
  const previous = ctx.db
    .select({ versionId: aliases.versionId })
    .from(aliases)
    .where(and(eq(aliases.collectionId, collectionId), eq(aliases.alias, alias)))
    .get();
  if (previous?.versionId === versionId) return null;
  ctx.db
    .insert(aliases)
    .values({ collectionId, versionId, alias, createdAt: ctx.now() })
    .onConflictDoUpdate({ target: [aliases.collectionId, aliases.alias], set: { versionId, createdAt: ctx.now() } })
    .run();
  return previous?.versionId ?? null;
}

export function aliasesOf(ctx: ServiceContext, versionId: number): string[] {
  return ctx.db
    .select({ alias: aliases.alias })
    .from(aliases)
    .where(eq(aliases.versionId, versionId))
    .orderBy(aliases.id)
    .all()
    .map((a) => a.alias);
}

export function removeAlias(ctx: ServiceContext, versionId: number, alias: string): boolean {
  const result = ctx.db
    .delete(aliases)
    .where(and(eq(aliases.versionId, versionId), eq(aliases.alias, alias)))
    .run();
  return result.changes > 0;
}

/** `latest` first, then the asked aliases, without repeats. */
export function withLatest(asked: string[]): string[] {
  return [...new Set(["latest", ...asked])];
}
