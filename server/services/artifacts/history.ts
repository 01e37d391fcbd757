import { findVersionIndex, insertVersionEdit, listAliasEditsAround, listVersionEdits, type EditAction } from "@/db/queries/version-edits";
import type { ServiceContext } from "../../context";

export function recordEdit(ctx: ServiceContext, versionId: number, actor: string, action: EditAction, before: unknown, after: unknown): Promise<void> {
  return insertVersionEdit(ctx, { versionId, actor, action, before: JSON.stringify(before), after: JSON.stringify(after), createdAt: ctx.now() });
}

export interface EditDto {
  id: number;
  actor: string;
  action: EditAction;
  before: unknown;
  after: unknown;
  createdAt: string;
  /** Alias edits only: where an alias that left came from or went to ("moved best from v35 to v29"). */
  moves?: AliasMove[];
}

export interface AliasMove {
  alias: string;
  /** `v35`; null when the alias was new to the collection. */
  from: string | null;
  /** `v29`; null when the alias was removed outright. */
  to: string | null;
}

export async function listEdits(ctx: ServiceContext, versionId: number): Promise<EditDto[]> {
  const edits = await listVersionEdits(ctx, versionId);
  const out: EditDto[] = [];
  for (const e of edits) {
    const edit: EditDto = {
      id: e.id,
      actor: e.actor,
      action: e.action,
      before: JSON.parse(e.before) as unknown,
      after: JSON.parse(e.after) as unknown,
      createdAt: new Date(e.createdAt).toISOString(),
    };
    if (e.action === "aliases") edit.moves = await aliasMoves(ctx, versionId, e);
    out.push(edit);
  }
  return out;
}

const MOVE_WINDOW = { ids: 64, ms: 5_000 };
const labelOf = (versionIndex: number | null, versionId: number) => (versionIndex === null ? `draft-${versionId}` : `v${versionIndex}`);
const aliasList = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((a): a is string => typeof a === "string") : [];
};

/**
 * Pairs each alias this edit added or removed with the edit on the other end of the move: the version
 * that lost it is written just before the version that gained it (update.ts), so a gain looks back for
 * the loss and a loss looks ahead for the gain. No pair: the alias was new, or removed outright.
 */
async function aliasMoves(ctx: ServiceContext, versionId: number, e: { id: number; actor: string; before: string; after: string; createdAt: number }): Promise<AliasMove[]> {
  const before = aliasList(e.before);
  const after = aliasList(e.after);
  const added = after.filter((a) => !before.includes(a));
  const removed = before.filter((a) => !after.includes(a));
  if (added.length === 0 && removed.length === 0) return [];
  const self = labelOf(await findVersionIndex(ctx, versionId), versionId);
  const around = await listAliasEditsAround(ctx, {
    versionId,
    actor: e.actor,
    fromId: e.id - MOVE_WINDOW.ids,
    toId: e.id + MOVE_WINDOW.ids,
    fromTime: e.createdAt - MOVE_WINDOW.ms,
    toTime: e.createdAt + MOVE_WINDOW.ms,
  });
  const lost = (n: (typeof around)[number], alias: string) => aliasList(n.before).includes(alias) && !aliasList(n.after).includes(alias);
  const gained = (n: (typeof around)[number], alias: string) => !aliasList(n.before).includes(alias) && aliasList(n.after).includes(alias);
  // The nearest edit of this alias on either side decides: a move is a loss right before a gain on another version.
  // Anything else in between (this version losing and regaining it, an undo) means no move.
  const touches = (n: (typeof around)[number], alias: string) => aliasList(n.before).includes(alias) !== aliasList(n.after).includes(alias);
  return [
    ...added.map((alias): AliasMove => {
      const source = around.filter((n) => n.id < e.id && touches(n, alias)).at(-1);
      const moved = source && source.versionId !== versionId && lost(source, alias);
      return { alias, from: moved ? labelOf(source.versionIndex, source.versionId) : null, to: self };
    }),
    ...removed.map((alias): AliasMove => {
      const target = around.find((n) => n.id > e.id && touches(n, alias));
      const moved = target && target.versionId !== versionId && gained(target, alias);
      return { alias, from: self, to: moved ? labelOf(target.versionIndex, target.versionId) : null };
    }),
  ];
}
