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
      /** ARCA_S3_DIRECT=1: clients PUT and GET bytes with pre-signed URLs, not through Arca. */
      direct: boolean;
      /** ARCA_S3_PUBLIC_ENDPOINT: the S3 server as clients reach it, when not at `endpoint` (pre-signed URLs name it). */
      publicEndpoint: string | undefined;
    };

// S3's bucket naming rules (lowercase letters, digits, dots, hyphens; 3 to 63 characters).
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Reads ARCA_STORAGE and the S3 settings; a value it cannot use is refused with what to set instead. */
export function parseStorageLocation(env: NodeJS.ProcessEnv): StorageConfig {
  const value = env.ARCA_STORAGE?.trim() ?? "";
  const direct = isOn(env.ARCA_S3_DIRECT);
  if (value === "") {
    if (direct) throw new ValidationError("ARCA_S3_DIRECT=1 needs blobs on S3: set ARCA_STORAGE=s3://BUCKET/PREFIX as well, or unset ARCA_S3_DIRECT");
    return { kind: "local" };
  }
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
  const endpoint = readEndpoint(env, "AWS_ENDPOINT_URL");
  const publicEndpoint = readEndpoint(env, "ARCA_S3_PUBLIC_ENDPOINT");
  if (direct && env.ARCA_ENCRYPTION_KEY) {
    // Arca cannot encrypt bytes it never sees: the store's own encryption takes over (docs/deploy.md).
    throw new ValidationError(
      "ARCA_S3_DIRECT=1 and ARCA_ENCRYPTION_KEY cannot be combined: with direct transfers the bytes never pass through Arca, so encrypt them with the store's server-side encryption (SSE-S3 / SSE-KMS, a MinIO KMS) and unset ARCA_ENCRYPTION_KEY, or unset ARCA_S3_DIRECT",
    );
  }
  return {
    kind: "s3",
    bucket,
    prefix: segments.length > 0 ? `${segments.join("/")}/` : "",
    endpoint,
    region: env.AWS_REGION?.trim() || "us-east-1",
    forcePathStyle: isOn(env.ARCA_S3_FORCE_PATH_STYLE),
    direct,
    publicEndpoint,
  };
}

function isOn(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

function readEndpoint(env: NodeJS.ProcessEnv, name: "AWS_ENDPOINT_URL" | "ARCA_S3_PUBLIC_ENDPOINT"): string | undefined {
  const value = env[name]?.trim() || undefined;
  if (value !== undefined && !/^https?:\/\/[^/]/.test(value)) {
    throw new ValidationError(`${name}=${JSON.stringify(value)} is not an http(s) URL: set it to the S3 server's address, such as http://minio.lan:9000`);
  }
  return value;
}
