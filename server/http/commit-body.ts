import type { z } from "zod";
import type { PrecheckedEntries, PrecheckedEntry } from "../services/artifacts/manifest-input";
import { COMMIT_BODY_LIMIT } from "../limits";
import { COMMIT_SCHEMAS, tasks, type CommitKind } from "../workers/task-list";
import { parseParts, runTask } from "../workers/tasks";
import { readBytes } from "./request";

/** Bodies up to this size are parsed on the main thread: a few milliseconds, less than a worker's round trip. */
export const WORKER_BODY_THRESHOLD = 256 * 1024;

type Fields<K extends CommitKind> = Omit<z.infer<(typeof COMMIT_SCHEMAS)[K]>, "entries">;
export type CommitBody<K extends CommitKind> = Fields<K> & { entries: PrecheckedEntries };

/**
 * A commit's body (log, upsert, finish, patch), parsed, validated and its entries checked: in a
 * worker thread when it is large (JSON.parse and the checks of 200,000 entries take a second or
 * more, which would stop every other request), here when small. Same errors either way.
 */
export async function readCommitBody<K extends CommitKind>(req: Request, kind: K): Promise<CommitBody<K>> {
  const body = await readBytes(req, COMMIT_BODY_LIMIT);
  const parts: string[] = [];
  const collect = (part: string) => parts.push(part);
  let result: ReturnType<typeof tasks.commitBody>;
  if (body.byteLength <= WORKER_BODY_THRESHOLD) {
    result = tasks.commitBody({ bytes: body, kind }, collect);
  } else {
    // The worker gets the bytes without a copy when they fill their own buffer (Buffer.concat's are, at this size).
    const bytes = body.byteOffset === 0 && body.buffer.byteLength === body.byteLength ? body : Uint8Array.from(body);
    result = await runTask("commitBody", { bytes, kind }, { transfer: [bytes.buffer as ArrayBuffer], onPart: collect });
  }
  return { ...(result.fields as Fields<K>), entries: { entries: await parseParts<PrecheckedEntry>(parts), problem: result.problem } };
}
