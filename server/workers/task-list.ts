import { computeManifestDigest, type DigestEntry } from "../../lib/digest";
import { asJsonObject } from "../http/json-body";
import { precheckEntries, type PrecheckedEntry } from "../services/artifacts/manifest-input";
import { ZLogInput, ZPatchInput, ZUpsertInput } from "../services/schemas";
import { parseWandbManifest, type WandbManifestEntry } from "../services/wandb/manifest-parse";

/**
 * What the task workers run (tasks.ts), loaded in each worker with tsx: relative imports only, and
 * nothing that opens the database. Every task is also correct on the main thread (small inputs run
 * there directly: a message round trip costs more than the work).
 */

/**
 * Entries travel back in parts of this many, each as JSON text. Text, because a MessagePort hands
 * every queued message over in one go: structured clones would all be deserialized in one turn of
 * the main thread's loop, while texts are copied in milliseconds and parsed one part per slice
 * (`parseParts`).
 */
export const PART_SIZE = 5000;

function emitParts<T>(items: readonly T[], emit: (part: string) => void): void {
  for (let i = 0; i < items.length; i += PART_SIZE) emit(JSON.stringify(items.slice(i, i + PART_SIZE)));
}

export const COMMIT_SCHEMAS = { log: ZLogInput, upsert: ZUpsertInput, patch: ZPatchInput } as const;
export type CommitKind = keyof typeof COMMIT_SCHEMAS;

/**
 * A commit's JSON body (log, upsert, finish, patch): parsed (NaN tolerated), validated by the
 * route's schema, its entries checked (manifest-input.ts). The fields besides `entries` are the result;
 * the entries before the first problem go out in parts, in manifest order.
 */
function commitBody(input: { bytes: Uint8Array; kind: CommitKind }, emit: (part: string) => void) {
  const body = asJsonObject(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).toString("utf8"));
  const { entries, ...fields } = COMMIT_SCHEMAS[input.kind].parse(body);
  const checked = precheckEntries(entries);
  emitParts<PrecheckedEntry>(checked.entries, emit);
  return { fields, problem: checked.problem };
}

/** The W&B manifest digest of entries sent as JSON texts of `[path, digest]` pairs (cheap to send: one string per part). */
function manifestDigest(input: { parts: string[] }) {
  const entries: DigestEntry[] = [];
  for (const part of input.parts) for (const [path, digest] of JSON.parse(part) as [string, string][]) entries.push({ path, digest });
  return computeManifestDigest(entries);
}

/** A W&B manifest the client uploaded, parsed and validated; its entries go out in parts. */
function wandbManifest(input: { text: string }, emit: (part: string) => void) {
  const entries: WandbManifestEntry[] = parseWandbManifest(input.text);
  emitParts(entries, emit);
  return entries.length;
}

export const tasks = { commitBody, manifestDigest, wandbManifest };

type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
export type TaskInput<T extends TaskName> = Parameters<Tasks[T]>[0];
export type TaskResult<T extends TaskName> = ReturnType<Tasks[T]>;
export type TaskPart<T extends TaskName> = Tasks[T] extends (input: never, emit: (part: infer P) => void) => unknown ? P : never;
