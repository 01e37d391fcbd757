import type { FinishedUpload, UploadPlan } from "../lib/api-types";
import { mapLimit } from "../lib/pool";
import type { Client } from "./client";
import { putToUrl, type BlobToUpload } from "./transfer";

/** Parts of one big blob in flight at once. */
const PART_CONCURRENCY = 4;

/** PUTs a blob to the object store as its plan says (one PUT, or parts) and returns what POST /blobs/complete needs. */
export async function uploadDirect(blob: BlobToUpload, plan: UploadPlan, onBytes: (bytes: number) => void): Promise<FinishedUpload> {
  const { sha256, size, localPath } = blob;
  if (plan.kind === "put") {
    await putToUrl(plan, { localPath, start: 0, length: size }, onBytes);
    return { sha256, size, key: plan.key };
  }
  const parts = await mapLimit(plan.parts, PART_CONCURRENCY, async (part) => {
    const start = (part.number - 1) * plan.partBytes;
    const etag = await putToUrl({ url: part.url, headers: {} }, { localPath, start, length: Math.min(plan.partBytes, size - start) }, onBytes);
    return { number: part.number, etag };
  });
  return { sha256, size, key: plan.key, uploadId: plan.uploadId, parts };
}

/** Completions per POST /blobs/complete. */
const COMPLETE_BATCH = 64;
/** A smaller batch goes once no upload finished for this long. */
const COMPLETE_DELAY_MS = 25;

/**
 * Tells the server which direct uploads are done, in batches: a thousand small files cost a few dozen requests.
 * The server verifies each upload and publishes it as a blob; the commit needs them all, so drain() waits.
 */
export class CompletionBatcher {
  #pending: FinishedUpload[] = [];
  #timer: NodeJS.Timeout | undefined;
  #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: Client,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(upload: FinishedUpload): void {
    this.#pending.push(upload);
    if (this.#pending.length >= COMPLETE_BATCH) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), COMPLETE_DELAY_MS);
  }

  async drain(): Promise<void> {
    this.#flush();
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const uploads = this.#pending;
    this.#pending = [];
    const sent: Promise<void> = this.client
      .post("/blobs/complete", { uploads })
      .then(() => undefined, this.onError)
      .finally(() => this.#inFlight.delete(sent));
    this.#inFlight.add(sent);
  }
}
