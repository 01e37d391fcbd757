import { recordAudit } from "../accounts/audit";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { PreconditionFailedError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { defineJob, enqueueJob, getJobStatus, type JobStatus } from "../jobs/queue";
import type { Namespace } from "../schemas";
import { listCleanupCandidateRows, lockCleanupBatchRows } from "@/db/queries/cleanup";
import { transaction } from "@/db/transaction";
import { exclusiveBytes } from "./cleanup";
import { cutsInScope, pagePhase, phasesOf, selectedIds, tallyCollection, type CleanupCriteria, type CleanupScope, type Phase } from "./cleanup-selection";
import { deleteVersionRow } from "./delete";
import type { Page } from "./read";
import type { VersionRow } from "./resolve";

export interface CleanupPreview {
  /** Collections with something to delete, by name; the others are left out. */
  collections: { name: string; type: string; versions: number; drafts: number; logicalBytes: number }[];
  collectionsScanned: number;
  totalVersions: number;
  totalDrafts: number;
  logicalBytes: number;
  /** Distinct blobs referenced only by selected versions, across every collection: what GC will reclaim. */
  bytesFreed: number;
}

async function selection(ctx: ServiceContext, ns: Namespace, scope: CleanupScope, criteria: CleanupCriteria): Promise<{ id: number; name: string }[]> {
  const picked: { id: number; name: string }[] = [];
  for (const cut of await cutsInScope(ctx, ns, scope, criteria)) for (const id of await selectedIds(ctx, cut, criteria)) picked.push({ id, name: cut.name });
  return picked;
}

/**
 * The dry run of a cleanup over one collection, one type or a whole project. Bytes freed are
 * computed over the union of every collection's selection, so a file shared by two collections
 * counts once, and only when no surviving version anywhere still references it.
 */
export async function previewCleanup(ctx: ServiceContext, ns: Namespace, scope: CleanupScope, criteria: CleanupCriteria): Promise<CleanupPreview> {
  const cuts = await cutsInScope(ctx, ns, scope, criteria);
  const preview: CleanupPreview = { collections: [], collectionsScanned: cuts.length, totalVersions: 0, totalDrafts: 0, logicalBytes: 0, bytesFreed: 0 };
  let ids: number[] = [];
  for (const cut of cuts) {
    const tally = await tallyCollection(ctx, cut, criteria);
    if (tally.versions + tally.drafts === 0) continue;
    preview.collections.push({ name: cut.name, type: cut.type, ...tally });
    preview.totalVersions += tally.versions;
    preview.totalDrafts += tally.drafts;
    preview.logicalBytes += tally.logicalBytes;
    ids = ids.concat(await selectedIds(ctx, cut, criteria));
  }
  preview.bytesFreed = await exclusiveBytes(ctx, ids);
  return preview;
}

export interface CleanupCandidate {
  id: number;
  name: string;
  type: string;
  /** `vN` or `draft-ID`: what routes.version takes. */
  selector: string;
  state: "COMMITTED" | "PENDING";
  size: number;
  fileCount: number;
  createdAt: string;
}

// Cursor: "<collection>:<phase>:<key>". Collection names cannot hold ':' (lib/names), so it splits cleanly.
function parseCursor(cursor: string | null | undefined): { name: string; phase: Phase; key: number } | null {
  if (!cursor) return null;
  const [name, phase, key] = cursor.split(":");
  if (!name || (phase !== "committed" && phase !== "drafts") || !/^\d+$/.test(key ?? "")) throw new ValidationError(`invalid cursor ${JSON.stringify(cursor)}`);
  return { name, phase, key: Number(key) };
}

/**
 * What a cleanup would delete, a page at a time: collections by name, in each the committed
 * versions newest first and then the drafts. Every step is a keyset range on an index, so page
 * 2,000 costs what page 1 does.
 */
export async function listCleanupCandidates(
  ctx: ServiceContext,
  ns: Namespace,
  scope: CleanupScope,
  criteria: CleanupCriteria,
  opts: { cursor?: string | null; limit?: number },
): Promise<Page<CleanupCandidate>> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const from = parseCursor(opts.cursor);
  const cuts = (await cutsInScope(ctx, ns, scope, criteria)).filter((c) => !from || c.name >= from.name);
  const picked: { id: number; cursor: string }[] = [];
  outer: for (const cut of cuts) {
    for (const phase of phasesOf(criteria)) {
      const atCursor = from !== null && cut.name === from.name;
      if (atCursor && from.phase === "drafts" && phase === "committed") continue;
      const after = atCursor && from.phase === phase ? from.key : null;
      for (const row of await pagePhase(ctx, cut, phase, after, limit + 1 - picked.length)) picked.push({ id: row.id, cursor: `${cut.name}:${phase}:${row.k}` });
      if (picked.length > limit) break outer;
    }
  }
  const page = picked.slice(0, limit);
  return { items: await loadCandidates(ctx, page.map((p) => p.id)), nextCursor: picked.length > limit ? page[page.length - 1]!.cursor : null };
}

async function loadCandidates(ctx: ServiceContext, ids: number[]): Promise<CleanupCandidate[]> {
  if (ids.length === 0) return [];
  const rows = await listCleanupCandidateRows(ctx, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const selector = r.versionIndex === null ? `draft-${r.id}` : `v${r.versionIndex}`;
    return [{ id: r.id, name: r.name, type: r.type, selector, state: r.state, size: r.size, fileCount: r.fileCount, createdAt: new Date(r.createdAt).toISOString() }];
  });
}

export interface CleanupOutcome {
  deleted: number;
  /** Versions that gained an alias, were used by a run, or were deleted by someone else since the start. */
  skipped: number;
  bytesFreed: number;
}

export const CLEANUP_JOB = "cleanup";

// A batch is one transaction: at most 100 versions and at most ~20 ms of deleting (the soft delete is a
// handful of statements each, ~1 ms, more on a busy machine), then the event loop gets a turn, so
// other requests (progress polls included) never wait long. A restart between batches leaves whole batches.
const BATCH = 100;
const BATCH_MS = 20;

/** What a cleanup job carries: the ids the user previewed, by collection (a run of ids per name, in order). */
interface CleanupInput {
  since: number;
  actor: string;
  bytesFreed: number;
  collections: [name: string, ids: number[]][];
}

const tallyOf = (partial: unknown) => (partial as { deleted: number; skipped: number } | null) ?? { deleted: 0, skipped: 0 };

/**
 * Deletes the previewed selection in batches (one transaction each), yielding between batches so the
 * instance keeps answering. Taken over after a crash, it resumes at the last batch it reported; a
 * batch that was committed but not reported finds its versions deleted and counts them as skipped.
 */
export const cleanupJob = defineJob(CLEANUP_JOB, async (ctx: ServiceContext, input: CleanupInput, progress): Promise<CleanupOutcome> => {
  const picked = input.collections.flatMap(([name, ids]) => ids.map((id) => ({ id, name })));
  let { deleted, skipped } = tallyOf(progress.resumed.partial);
  let start = progress.resumed.done;
  while (start < picked.length && !progress.signal.aborted) {
    await yieldToEventLoop(); // other requests get a turn between batches
    const candidates = picked.slice(start, start + BATCH);
    const began = performance.now();
    // The batch's tally is returned, not added up inside: PostgreSQL may run the callback again (deadlock).
    const batch = await transaction(ctx, async () => {
      const rows = await loadBatch(ctx, candidates.map((b) => b.id), input.since);
      const tally = { done: 0, deleted: 0, skipped: 0 };
      for (const { id, name } of candidates) {
        const row = rows.get(id);
        // Re-checked inside the batch, its rows locked: an alias added or a use recorded since the start protects its version.
        if (!row || row.version.state === "DELETED" || (row.version.state === "COMMITTED" && row.aliased) || row.usedSince) tally.skipped++;
        else {
          await deleteVersionRow(ctx, name, row.version, false, input.actor);
          tally.deleted++;
        }
        tally.done++;
        if (performance.now() - began > BATCH_MS) break;
      }
      return tally;
    });
    start += batch.done;
    deleted += batch.deleted;
    skipped += batch.skipped;
    progress.report(start, { deleted, skipped });
  }
  return { deleted, skipped, bytesFreed: input.bytesFreed };
});

/**
 * Checks the selection against the preview and queues its deletion as a job (server/services/jobs):
 * any instance may run it, and any instance shows its progress. The caller passes the count it
 * previewed: if the selection changed since, nothing is deleted and the user previews again.
 */
export async function startCleanup(
  ctx: ServiceContext,
  ns: Namespace,
  scope: CleanupScope,
  criteria: CleanupCriteria,
  expectedVersions: number,
  actor: string,
): Promise<JobStatus<CleanupOutcome>> {
  const since = ctx.now();
  const picked = await selection(ctx, ns, scope, criteria);
  if (picked.length !== expectedVersions) {
    throw new PreconditionFailedError(
      `the selection changed since the preview: it is now ${picked.length} versions, not ${expectedVersions}. Nothing was deleted; preview again before deleting.`,
    );
  }
  const bytesFreed = await exclusiveBytes(ctx, picked.map((p) => p.id));
  await recordAudit(ctx, { actor, action: "cleanup", target: `${ns.entity}/${ns.project}`, entity: ns.entity, detail: { ...scope, ...criteria, versions: picked.length, bytesFreed } });
  const collections: CleanupInput["collections"] = [];
  for (const { id, name } of picked) {
    const last = collections.at(-1);
    if (last?.[0] === name) last[1].push(id);
    else collections.push([name, [id]]);
  }
  const input: CleanupInput = { since, actor, bytesFreed, collections };
  return (await enqueueJob(ctx, { kind: cleanupJob.kind, scope: scopeOf(ns), input, total: picked.length })) as JobStatus<CleanupOutcome>;
}

/** A batch's rows, locked, whether each has an alias and whether a run used it since `since`, in one statement. */
async function loadBatch(ctx: ServiceContext, ids: number[], since: number): Promise<Map<number, { version: VersionRow; aliased: boolean; usedSince: boolean }>> {
  const rows = await lockCleanupBatchRows(ctx, ids, since);
  return new Map(rows.map(({ aliased, usedSince, ...version }) => [version.id, { version, aliased: aliased === 1, usedSince: usedSince === 1 }]));
}

/** A job is looked up within its project: another project's job id is unknown here. */
export function getCleanupJob(ctx: ServiceContext, { id, ...ns }: Namespace & { id: string }): Promise<JobStatus<CleanupOutcome>> {
  return getJobStatus<CleanupOutcome>(ctx, { id, kind: CLEANUP_JOB, scope: scopeOf(ns) });
}

const scopeOf = (ns: Namespace) => `${ns.entity}/${ns.project}`;
