import type { DbHandle } from "../client";

/** The queries behind the W&B protocol (server/services/wandb). */

export interface WandbDraftRow {
  draftId: number;
  aliases: string[];
  committedVersionId: number | null;
}

/**
 * Records the aliases asked for at CreateArtifact; a second writer of the same draft adds its own.
 * Call it inside a transaction that locked the draft's collection (two writers merging at once would
 * otherwise each keep only their own list on PostgreSQL).
 */
export async function addWandbDraftAliases(handle: DbHandle, draftId: number, aliases: string[], now: number): Promise<void> {
  const row = await getWandbDraft(handle, draftId);
  const merged = [...new Set([...(row?.aliases ?? []), ...aliases])];
  await handle.sql.run(
    "insert into wandb_drafts (draft_id, aliases, created_at) values (?, ?, ?) on conflict (draft_id) do update set aliases = excluded.aliases",
    [draftId, JSON.stringify(merged), now],
  );
}

export async function getWandbDraft({ sql }: DbHandle, draftId: number): Promise<WandbDraftRow | undefined> {
  const row = await sql.get<{ draftId: number; aliases: string; committedVersionId: number | null }>(
    "select draft_id as draftId, aliases, committed_version_id as committedVersionId from wandb_drafts where draft_id = ?",
    [draftId],
  );
  return row ? { ...row, aliases: JSON.parse(row.aliases) as string[] } : undefined;
}

export async function setWandbDraftCommitted({ sql }: DbHandle, draftId: number, versionId: number): Promise<void> {
  await sql.run("update wandb_drafts set committed_version_id = ? where draft_id = ?", [versionId, draftId]);
}

/** W&B's run fields that Arca keeps beyond createRun's: each given one replaces the stored value. */
export async function updateRunFields(
  { sql }: DbHandle,
  runPk: number,
  fields: { config?: string; summary?: string; jobType?: string; group?: string; name?: string; state?: string },
  now: number,
): Promise<void> {
  await sql.run(
    `update runs set config = coalesce(?, config), summary = coalesce(?, summary), job_type = coalesce(?, job_type),
       group_name = coalesce(?, group_name), name = coalesce(?, name), state = coalesce(?, state), updated_at = ?
     where id = ?`,
    [fields.config ?? null, fields.summary ?? null, fields.jobType ?? null, fields.group ?? null, fields.name ?? null, fields.state ?? null, now, runPk],
  );
}

export async function addRunHistoryLines({ sql }: DbHandle, runPk: number, count: number): Promise<void> {
  await sql.run("update runs set history_line_count = history_line_count + ? where id = ?", [count, runPk]);
}

/** A version committed from a single writer's draft is not a collaborative version: its draft id goes. */
export async function clearDistributedId({ sql }: DbHandle, versionId: number): Promise<void> {
  await sql.run("update versions set distributed_id = null where id = ? and state = 'COMMITTED'", [versionId]);
}
