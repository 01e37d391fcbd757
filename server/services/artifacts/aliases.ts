import { deleteVersionAlias, findAliasTarget, listVersionAliases, upsertAlias } from "@/db/queries/aliases";
import { checkAlias } from "@/lib/names";
import { assertValid } from "../../errors";
import type { ServiceContext } from "../../context";

/**
 * Points `alias` at `versionId`, moving it off whichever version had it: one UPSERT on the
 * (collection, alias) unique index, so the alias is never on two versions nor on none.
 * Returns the version it was on before (null when new, or already here). Call it in a transaction
 * that locked the collection (`lockCollection`), so the version it reports as the previous one is
 * still the one that loses the alias.
 */
export async function moveAlias(ctx: ServiceContext, collectionId: number, alias: string, versionId: number): Promise<number | null> {
  assertValid(checkAlias(alias));
  const previous = await findAliasTarget(ctx, collectionId, alias);
  if (previous === versionId) return null;
  await upsertAlias(ctx, { collectionId, alias, versionId, now: ctx.now() });
  return previous ?? null;
}

export function aliasesOf(ctx: ServiceContext, versionId: number): Promise<string[]> {
  return listVersionAliases(ctx, versionId);
}

export function removeAlias(ctx: ServiceContext, versionId: number, alias: string): Promise<boolean> {
  return deleteVersionAlias(ctx, versionId, alias);
}

/** `latest` first, then the asked aliases, without repeats. */
export function withLatest(asked: string[]): string[] {
  return [...new Set(["latest", ...asked])];
}
