import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/** The queries behind the W&B protocol (server/services/wandb). */

export interface WandbDraftRow {
  draftId: number;
  aliases: string[];
  committedVersionId: number | null;
}

/** Records the aliases asked for at CreateArtifact; a second writer of the same draft adds its own. */
export function addWandbDraftAliases(handle: LegacyDbHandle, draftId: number, aliases: string[], now: number): void {
  const { sqlite } = handle;
  const row = getWandbDraft(handle, draftId);
  const merged = [...new Set([...(row?.aliases ?? []), ...aliases])];
  prepared(sqlite, "insert into wandb_drafts (draft_id, aliases, created_at) values (?, ?, ?) on conflict(draft_id) do update set aliases = excluded.aliases").run(draftId, JSON.stringify(merged), now);
}

export function getWandbDraft({ sqlite }: LegacyDbHandle, draftId: number): WandbDraftRow | undefined {
  const row = prepared<[number], { draftId: number; aliases: string; committedVersionId: number | null }>(
    sqlite,
    "select draft_id as draftId, aliases, committed_version_id as committedVersionId from wandb_drafts where draft_id = ?",
  ).get(draftId);
  return row ? { ...row, aliases: JSON.parse(row.aliases) as string[] } : undefined;
}

export function setWandbDraftCommitted({ sqlite }: LegacyDbHandle, draftId: number, versionId: number): void {
  prepared(sqlite, "update wandb_drafts set committed_version_id = ? where draft_id = ?").run(versionId, draftId);
}

/** W&B's run fields that Arca keeps beyond createRun's: each given one replaces the stored value. */
export function updateRunFields(
  { sqlite }: LegacyDbHandle,
  runPk: number,
  fields: { config?: string; summary?: string; jobType?: string; group?: string; name?: string; state?: string },
  now: number,
): void {
  prepared(
    sqlite,
    `update runs set config = coalesce(@config, config), summary = coalesce(@summary, summary), job_type = coalesce(@jobType, job_type),
       group_name = coalesce(@group, group_name), name = coalesce(@name, name), state = coalesce(@state, state), updated_at = @now
     where id = @id`,
  ).run({ config: null, summary: null, jobType: null, group: null, name: null, state: null, ...fields, now, id: runPk });
}

export function addRunHistoryLines({ sqlite }: LegacyDbHandle, runPk: number, count: number): void {
  prepared(sqlite, "update runs set history_line_count = history_line_count + ? where id = ?").run(count, runPk);
}

/** A version committed from a single writer's draft is not a collaborative version: its draft id goes. */
export function clearDistributedId({ sqlite }: LegacyDbHandle, versionId: number): void {
  prepared(sqlite, "update versions set distributed_id = null where id = ? and state = 'COMMITTED'").run(versionId);
}
