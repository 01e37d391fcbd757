import { mapLimit } from "@/lib/pool";
import { ConflictError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { FinishedUpload, UploadPlan } from "../../storage/direct-transfers";
import { withBlobLock } from "./blob-lock";
import { checkSha, recordBlob, type UploadResult } from "./blobs";

/** Presigning is local work, but a multipart plan starts an upload on the store: a few at a time. */
const PLAN_CONCURRENCY = 8;
/**
 * Each completion reads its object back on stores that do not check checksums (a HEAD on those that do): keep the
 * store busy, not flooded. As many as the client's PUTs in flight (sdk/pipeline.ts directConcurrency).
 */
const ADOPT_CONCURRENCY = 8;

function directOf(ctx: ServiceContext) {
  if (!ctx.direct) throw new ConflictError("direct transfers are off on this server (ARCA_S3_DIRECT): upload with PUT /blobs/{sha256}");
  return ctx.direct;
}

/** Pre-signed upload plans for blobs POST /blobs/missing found missing, keyed by SHA-256. */
export async function planDirectUploads(ctx: ServiceContext, input: { blobs: { sha256: string; size: number }[] }): Promise<Record<string, UploadPlan>> {
  const direct = directOf(ctx);
  const plans: Record<string, UploadPlan> = {};
  await mapLimit(input.blobs, PLAN_CONCURRENCY, async (blob) => {
    plans[blob.sha256] = await direct.planUpload(blob);
  });
  return plans;
}

/**
 * POST /blobs/complete: verifies each finished upload and publishes it as a blob, as PUT /blobs/{sha256}
 * would have. A blob that another upload published meanwhile is not checked again; its temp object goes.
 */
export async function completeDirectUploads(ctx: ServiceContext, input: { uploads: FinishedUpload[] }): Promise<UploadResult[]> {
  const direct = directOf(ctx);
  input.uploads.forEach((upload) => checkSha(upload.sha256));
  return mapLimit(input.uploads, ADOPT_CONCURRENCY, (upload) =>
    withBlobLock(ctx, upload.sha256, async () => {
      const stored = await direct.adopt(upload);
      await recordBlob(ctx, stored);
      return { ...stored, created: true };
    }),
  );
}
