import type { S3Client } from "@aws-sdk/client-s3";
import { validationError } from "./errors";
import { stripEtag } from "./etag";
import type { ReferenceEntry } from "./types";

/**
 * s3:// references with checksum on (SPEC 3, as W&B's add_reference): an object records its ETag and size (and
 * its version id on versioned buckets); a key that is not an object is a prefix and expands to the objects under
 * it, at most `limit`. Credentials and endpoint come from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID…,
 * AWS_PROFILE, AWS_ENDPOINT_URL, an instance role); ARCA_S3_FORCE_PATH_STYLE=1 for MinIO-like servers. When the
 * store cannot be asked (no credentials, access denied, unreachable) the URI is the digest, as with checksum off.
 */
export async function resolveS3Reference(url: URL, name: string | undefined, single: string, limit: number): Promise<ReferenceEntry[]> {
  const uri = url.href;
  const bucket = url.hostname;
  const key = decodeURIComponent(url.pathname.replace(/^\//, ""));
  let client: S3Client;
  try {
    client = await s3Client();
  } catch {
    return [{ path: single, ref: uri, digest: uri }];
  }
  try {
    const { HeadObjectCommand } = await import("@aws-sdk/client-s3");
    if (key !== "" && !key.endsWith("/")) {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (head) return [objectEntry(single, uri, head.ETag, head.ContentLength, head.VersionId)];
    }
    const prefix = key === "" || key.endsWith("/") ? key : `${key}/`;
    const objects = await listPrefix(client, { bucket, prefix, limit });
    if (objects.length === 0) throw validationError(`reference ${uri} names no object and no prefix with objects in bucket ${bucket}`);
    return objects.map((object) => {
      const relative = object.key.slice(prefix.length);
      return objectEntry(name ? `${name}/${relative}` : relative, `s3://${bucket}/${object.key}`, object.etag, object.size, undefined);
    });
  } catch (error) {
    if ((error as { code?: string }).code === "VALIDATION") throw error;
    return [{ path: single, ref: uri, digest: uri }];
  } finally {
    client.destroy();
  }
}

/** Lists the objects under `prefix` (folder markers left out); more than `limit` is an error naming the prefix. */
export async function listPrefix(client: S3Client, input: { bucket: string; prefix: string; limit: number }): Promise<{ key: string; etag: string | undefined; size: number | undefined }[]> {
  const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
  const objects: { key: string; etag: string | undefined; size: number | undefined }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: input.bucket, Prefix: input.prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (!object.Key || object.Key.endsWith("/")) continue;
      if (objects.length === input.limit) {
        throw validationError(`s3://${input.bucket}/${input.prefix} holds more than ${input.limit} objects, the most a reference prefix expands to: reference a narrower prefix`);
      }
      objects.push({ key: object.Key, etag: object.ETag, size: object.Size });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

function objectEntry(path: string, ref: string, etag: string | undefined, size: number | undefined, versionId: string | undefined): ReferenceEntry {
  const entry: ReferenceEntry = { path, ref, digest: etag ? stripEtag(etag) : ref };
  if (size !== undefined) entry.size = size;
  if (etag) entry.extra = { etag, ...(versionId ? { versionID: versionId } : {}) };
  return entry;
}

async function s3Client(): Promise<S3Client> {
  // Loaded on first use: most logs have no s3:// reference, and the CLI should not pay for the AWS SDK's start-up.
  const { S3Client } = await import("@aws-sdk/client-s3");
  const forcePathStyle = process.env.ARCA_S3_FORCE_PATH_STYLE === "1" || process.env.ARCA_S3_FORCE_PATH_STYLE === "true";
  return new S3Client({ region: process.env.AWS_REGION || "us-east-1", forcePathStyle });
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404;
}
