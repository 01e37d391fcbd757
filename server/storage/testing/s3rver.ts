import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { S3rverContext } from "s3rver";
import { afterAll, beforeAll } from "vitest";

export const TEST_BUCKET = "arca";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's files (tests backdate open uploads there). */
  directory: string;
  /** A client for the server (path-style, s3rver's fixed credentials). */
  client: S3Client;
  stop: () => Promise<void>;
}

/** s3rver's fixed credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * Starts an s3rver on 127.0.0.1 on a free port (or `port`), storing into a fresh temp directory (or
 * `directory`), with one bucket. `stop` closes it and removes the directory.
 */
export async function startS3rver(opts: { listUploads?: boolean; checksums?: boolean; port?: number; directory?: string } = {}): Promise<TestS3> {
  // Loaded here, not at the top: every test world imports this file's constants, few start a server.
  const { default: S3rver } = await import("s3rver");
  const directory = opts.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), "arca-s3rver-"));
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({ port: opts.port ?? 0, address: "127.0.0.1", directory, silent: true, configureBuckets: [{ name: TEST_BUCKET }] });
  server.middleware.unshift(multipartUploadsShim(directory, opts.listUploads ?? true));
  if (opts.checksums) server.middleware.unshift(checksumShim());
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  return {
    endpoint,
    bucket: TEST_BUCKET,
    directory,
    client,
    stop: async () => {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver 3.7 answers ListMultipartUploads, ListParts, AbortMultipartUpload and UploadPartCopy with
 * NotImplemented, but the store's sweep, its error path and big direct uploads need them. This serves them from s3rver's own
 * record of open uploads (`<bucket>/._S3rver_uploads/<uploadId>/key`, which it deletes on completion).
 */
function multipartUploadsShim(directory: string, listUploads: boolean) {
  return async (ctx: S3rverContext, next: () => Promise<void>) => {
    const [bucket, ...keyParts] = ctx.path.split("/").filter(Boolean);
    if (!bucket) return next();
    const uploadsDir = path.join(directory, bucket, "._S3rver_uploads");
    if (listUploads && ctx.method === "GET" && keyParts.length === 0 && "uploads" in ctx.query) {
      const prefix = typeof ctx.query.prefix === "string" ? ctx.query.prefix : "";
      const uploads = fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : [];
      const items = uploads
        .map((uploadId) => {
          const keyFile = path.join(uploadsDir, uploadId, "key");
          return { uploadId, key: fs.readFileSync(keyFile, "utf8"), initiated: fs.statSync(keyFile).mtime };
        })
        .filter((u) => u.key.startsWith(prefix))
        .map((u) => `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`);
      ctx.type = "application/xml";
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escapeXml(bucket)}</Bucket><Prefix>${escapeXml(prefix)}</Prefix><IsTruncated>false</IsTruncated>${items.join("")}</ListMultipartUploadsResult>`;
      return;
    }
    const copySource = ctx.headers["x-amz-copy-source"];
    if (ctx.method === "PUT" && typeof ctx.query.uploadId === "string" && typeof copySource === "string") {
      // UploadPartCopy (publishing a blob over CopyObject's 5 GiB limit): a range of an object becomes a part.
      const [sourceBucket = "", ...sourceKey] = decodeURIComponent(copySource.replace(/^\//, "")).split("/");
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(ctx.headers["x-amz-copy-source-range"] ?? ""));
      const source = await ctx.store.getObject(sourceBucket, sourceKey.join("/"), range ? { start: Number(range[1]), end: Number(range[2]) } : undefined);
      if (!source) {
        ctx.status = 404;
        ctx.type = "application/xml";
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`;
        return;
      }
      const { md5 } = await ctx.store.putPart(bucket, ctx.query.uploadId, Number(ctx.query.partNumber), source.content);
      ctx.type = "application/xml";
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<CopyPartResult><LastModified>${new Date().toISOString()}</LastModified><ETag>"${md5}"</ETag></CopyPartResult>`;
      return;
    }
    if ((ctx.method === "DELETE" || ctx.method === "GET") && keyParts.length > 0 && typeof ctx.query.uploadId === "string") {
      const uploadId = path.basename(ctx.query.uploadId);
      const uploadDir = path.join(uploadsDir, uploadId);
      if (!fs.existsSync(uploadDir)) {
        ctx.status = 404;
        ctx.type = "application/xml";
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>`;
        return;
      }
      if (ctx.method === "DELETE") {
        fs.rmSync(uploadDir, { recursive: true, force: true });
        ctx.status = 204;
        return;
      }
      // ListParts: s3rver stores part N as the file `N`.
      const parts = fs
        .readdirSync(uploadDir)
        .filter((name) => /^\d+$/.test(name))
        .map((name) => {
          const stat = fs.statSync(path.join(uploadDir, name));
          return `<Part><PartNumber>${name}</PartNumber><LastModified>${stat.mtime.toISOString()}</LastModified><Size>${stat.size}</Size></Part>`;
        });
      ctx.type = "application/xml";
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(keyParts.join("/"))}</Key><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts.join("")}</ListPartsResult>`;
      return;
    }
    return next();
  };
}

/**
 * `checksums: true`: s3rver behaves like AWS S3 and MinIO with `x-amz-checksum-sha256` on a PUT: a body that
 * does not match is refused (400 BadDigest), and the checksum is answered on GET and HEAD of the object. The
 * direct transfers' path for such stores (uploads at the blob key, no read-back) is tested with it.
 */
function checksumShim() {
  const checksums = new Map<string, string>();
  return async (ctx: S3rverContext, next: () => Promise<void>) => {
    const declared = ctx.headers["x-amz-checksum-sha256"];
    const plainPut = ctx.method === "PUT" && ctx.query.uploadId === undefined && ctx.headers["x-amz-copy-source"] === undefined;
    if (plainPut && typeof declared === "string") {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req as AsyncIterable<Buffer>) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      if (createHash("sha256").update(body).digest("base64") !== declared) {
        ctx.status = 400;
        ctx.type = "application/xml";
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match the calculated checksum.</Message></Error>`;
        return;
      }
      ctx.req = Object.assign(Readable.from([body]), { headers: ctx.req.headers }) as unknown as S3rverContext["req"];
      await next();
      if (ctx.status === 200) checksums.set(ctx.path, declared);
      return;
    }
    await next();
    if (ctx.method === "DELETE" || ctx.method === "PUT") checksums.delete(ctx.path);
    const checksum = checksums.get(ctx.path);
    if (checksum && (ctx.method === "GET" || ctx.method === "HEAD") && ctx.status < 300) ctx.set("x-amz-checksum-sha256", checksum);
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Keys of every object and every open multipart upload under `prefix`: what a test checks is gone. */
export async function listLeftovers(s3: TestS3, prefix: string): Promise<{ objects: string[]; uploads: string[] }> {
  const objects = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  const uploads = await s3.client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: prefix }));
  return {
    objects: (objects.Contents ?? []).map((o) => o.Key ?? ""),
    uploads: (uploads.Uploads ?? []).map((u) => u.Key ?? ""),
  };
}

/** One s3rver for a test file: started before its tests, stopped after; call the result inside a test. */
export function useS3rver(opts: Parameters<typeof startS3rver>[0] = {}): () => TestS3 {
  let s3: TestS3 | undefined;
  beforeAll(async () => {
    s3 = await startS3rver(opts);
  });
  afterAll(async () => {
    await s3?.stop();
  });
  return () => {
    if (!s3) throw new Error("the s3rver is not running: call useS3rver() at the top of the test file");
    return s3;
  };
}
