import { ValidationError } from "../errors";

/** Where blobs live: ARCA_STORAGE (docs/deploy.md, "Blobs on S3"). */
export type StorageConfig =
  /** `<ARCA_DATA_DIR>/blobs`, the default. */
  | { kind: "local" }
  | {
      kind: "s3";
      bucket: string;
      /** "" or ending in "/". */
      prefix: string;
      /** AWS_ENDPOINT_URL: a MinIO or other S3-compatible server; unset for AWS itself. */
      endpoint: string | undefined;
      region: string;
      /** ARCA_S3_FORCE_PATH_STYLE=1: `endpoint/bucket/key` URLs, which most self-hosted servers need. */
      forcePathStyle: boolean;
    };

// S3's bucket naming rules (lowercase letters, digits, dots, hyphens; 3 to 63 characters).
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Reads ARCA_STORAGE and the S3 settings; a value it cannot use is refused with what to set instead. */
export function parseStorageLocation(env: NodeJS.ProcessEnv): StorageConfig {
  const value = env.ARCA_STORAGE?.trim() ?? "";
  if (value === "") return { kind: "local" };
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(value);
  if (!match) {
    throw new ValidationError(
      `ARCA_STORAGE=${JSON.stringify(value)} is not a storage location: set s3://BUCKET or s3://BUCKET/PREFIX, or leave it unset to keep blobs under ARCA_DATA_DIR/blobs`,
    );
  }
  const bucket = match[1] ?? "";
  if (!BUCKET_PATTERN.test(bucket)) {
    throw new ValidationError(`ARCA_STORAGE names the bucket ${JSON.stringify(bucket)}, which is not a valid S3 bucket name: use 3 to 63 lowercase letters, digits, dots or hyphens`);
  }
  const segments = (match[2] ?? "").split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) {
    throw new ValidationError(`ARCA_STORAGE prefix ${JSON.stringify(match[2])} contains "." or ".." segments: name a plain folder such as s3://${bucket}/arca`);
  }
  const endpoint = env.AWS_ENDPOINT_URL?.trim() || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new ValidationError(`AWS_ENDPOINT_URL=${JSON.stringify(endpoint)} is not an http(s) URL: set it to the S3 server's address, such as http://minio.lan:9000`);
  }
  return {
    kind: "s3",
    bucket,
    prefix: segments.length > 0 ? `${segments.join("/")}/` : "",
    endpoint,
    region: env.AWS_REGION?.trim() || "us-east-1",
    forcePathStyle: env.ARCA_S3_FORCE_PATH_STYLE === "1" || env.ARCA_S3_FORCE_PATH_STYLE === "true",
  };
}
