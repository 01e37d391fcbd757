import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { S3RVER_CREDENTIALS, startS3rver, type TestS3 } from "../storage/testing/s3rver";

export interface TestApiServer {
  baseUrl: string;
  /** Stops the server and the s3rver, removes the data dir. */
  close: () => Promise<void>;
  dataDir: string;
  /** The s3rver holding the blobs, when `storage` is not "local". */
  s3: TestS3 | undefined;
}

/**
 * The HTTP API (/api/v1, /api/trpc and the W&B endpoints, as `npm start` serves them) in this test file's process, on a loopback port, over
 * the storage a deployment would configure: the data dir's blobs, an s3rver bucket through Arca, or the
 * same bucket with direct transfers; `encryptionKey` adds ARCA_ENCRYPTION_KEY; `s3Checksums` makes the s3rver
 * check `x-amz-checksum-sha256` as AWS S3 does. Call at the top of a test file
 * or in its beforeAll (the server reads its configuration once per process), and `close` it after the tests.
 */
export async function startTestApiServer(options: { storage?: "local" | "s3" | "s3-direct"; encryptionKey?: string; s3Checksums?: boolean } = {}): Promise<TestApiServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-api-"));
  const s3 = (options.storage ?? "local") === "local" ? undefined : await startS3rver({ checksums: options.s3Checksums ?? false });
  // Only what this server is asked for: a run with ARCA_ENCRYPTION_KEY or ARCA_STORAGE set (npm run test:unit:team) must not leak in.
  for (const name of ["ARCA_STORAGE", "ARCA_S3_DIRECT", "ARCA_ENCRYPTION_KEY", "ARCA_ENCRYPTION_OLD_KEYS", "ARCA_S3_PUBLIC_ENDPOINT"]) delete process.env[name];
  Object.assign(process.env, {
    ARCA_DATA_DIR: dataDir,
    ARCA_DEMO: "0",
    ...(s3
      ? {
          ARCA_STORAGE: `s3://${s3.bucket}/arca`,
          AWS_ENDPOINT_URL: s3.endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
          ARCA_S3_FORCE_PATH_STYLE: "1",
        }
      : {}),
    ...(options.storage === "s3-direct" ? { ARCA_S3_DIRECT: "1" } : {}),
    ...(options.encryptionKey ? { ARCA_ENCRYPTION_KEY: options.encryptionKey } : {}),
  });
  const { server, baseUrl } = await serveApi();
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await s3?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, dataDir, s3, close };
}

/**
 * The dispatch `npm start` does (server/http/fast-path.ts): /api/v1, /api/trpc and the W&B endpoints on a
 * loopback port (0: any free one), configured by this process's environment; the rest would be Next's pages.
 */
export async function serveApi(port = 0): Promise<{ server: http.Server; baseUrl: string }> {
  const { fastHandlerFor } = await import("../http/fast-path");
  const server = http.createServer((req, res) => {
    const handle = fastHandlerFor(new URL(req.url ?? "/", "http://x").pathname);
    if (handle) return void handle(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("a page: served by Next.js, not in this test server");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return { server, baseUrl: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}` };
}
