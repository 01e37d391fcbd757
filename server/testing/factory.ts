import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { openPostgres } from "@/db/client";
import { DeferredDatabase } from "@/db/sql/deferred";
import { createServiceContext, type ServiceContext } from "../context";
import { createTestSchema } from "./postgres";
import { EncryptedBlobStore } from "../storage/encrypted-blob-store";
import { readKeyring, type Keyring } from "../storage/keyring";
import type { BlobStore } from "../storage/blob-store";
import { LocalBlobStore } from "../storage/local-blob-store";
import { S3BlobStore } from "../storage/s3-blob-store";
import { S3RVER_CREDENTIALS, TEST_BUCKET } from "../storage/testing/s3rver";
import { storeBytesAsEntry } from "../services/blobs/store-bytes";
import { createRun, type RunDto } from "../services/runs/runs";
import { stopJobRunner } from "../services/jobs/queue";
import type { EntryInput, Namespace } from "../services/schemas";

/** A fresh data dir, database migrated from the committed migrations, and a clock tests can move. */
export interface TestWorld {
  ctx: ServiceContext;
  ns: Namespace;
  dir: string;
  clock: { now: number };
  /** Names of everything in the blob store: blobs, temp files or objects, unfinished uploads. */
  storedNames: () => Promise<string[]>;
  cleanup: () => Promise<void>;
}

/**
 * `blobs`: another store than the data dir's `blobs/`. Under ARCA_TEST_STORE=s3 (npm run test:unit:team)
 * every world keeps its blobs in the run's s3rver (server/testing/global-setup.ts) instead.
 * `encryption` defaults to what ARCA_ENCRYPTION_KEY says, as for the server: run any service test
 * with blobs encrypted at rest by setting it (docs/security.md).
 */
export function createTestWorld(opts: { blobs?: BlobStore | "local"; encryption?: Keyring } = {}): TestWorld {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-test-"));
  const endpoint = inject("s3Endpoint");
  // "local": a test that looks at the bytes on disk keeps the data dir's store even in the S3 run.
  const store = opts.blobs === "local" || (!opts.blobs && !endpoint) ? new LocalBlobStore(path.join(dir, "blobs")) : (opts.blobs ?? openTestS3Store(endpoint!));
  const encryption = "encryption" in opts ? opts.encryption : readKeyring(process.env);
  const base = createServiceContext(dir, encryption ? new EncryptedBlobStore(store, encryption) : store);
  const postgres = process.env.ARCA_TEST_DATABASE === "postgres" && inject("postgresUrl") ? openTestPostgres(inject("postgresUrl")!) : undefined;
  const clock = { now: Date.UTC(2026, 0, 1) };
  const ctx: ServiceContext = { ...base, ...(postgres && { sql: postgres.sql }), now: () => clock.now };
  return {
    ctx,
    ns: { entity: "acme", project: "vision" },
    dir,
    clock,
    storedNames: () => listStoredNames(store, dir),
    cleanup: async () => {
      await stopJobRunner(ctx); // before its database closes
      await base.sql.close();
      await postgres?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * ARCA_TEST_DATABASE=postgres (npm run test:unit:team): the world's metadata lives in a PostgreSQL
 * schema of its own in the run's throwaway database (server/testing/postgres.ts), migrated before its
 * first query, dropped by `cleanup`. Without PostgreSQL the world stays on SQLite (CI requires it:
 * ARCA_TEST_REQUIRE_POSTGRES=1 fails the run's start instead).
 */
function openTestPostgres(url: string): { sql: DeferredDatabase; drop: () => Promise<void> } {
  const schema = createTestSchema(url);
  const sql = new DeferredDatabase("postgres", async () => {
    const db = openPostgres((await schema).url);
    await db.ready();
    return db;
  });
  return {
    sql,
    drop: async () => {
      await sql.close();
      await (await schema).drop();
    },
  };
}

function openTestS3Store(endpoint: string): S3BlobStore {
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  return new S3BlobStore({ client, bucket: TEST_BUCKET, prefix: `world-${randomUUID()}/`, partBytes: 5 * 1024 * 1024 });
}

async function listStoredNames(blobs: BlobStore, dir: string): Promise<string[]> {
  if (!(blobs instanceof S3BlobStore)) {
    const root = path.join(dir, "blobs");
    if (!fs.existsSync(root)) return [];
    return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
  }
  const prefix = blobs.keyPrefix;
  const objects = await blobs.client.send(new ListObjectsV2Command({ Bucket: blobs.bucket, Prefix: prefix }));
  const uploads = await blobs.client.send(new ListMultipartUploadsCommand({ Bucket: blobs.bucket, Prefix: prefix }));
  return [...(objects.Contents ?? []), ...(uploads.Uploads ?? [])].map((o) => path.posix.basename(o.Key ?? ""));
}

/** Uploads `content` as a blob and returns the manifest entry for it at `filePath`. */
export const fileEntry = storeBytesAsEntry;

export function refEntry(filePath: string, uri: string, digest = uri): EntryInput {
  return { path: filePath, digest, size: 0, ref: uri };
}

export function makeRun(world: TestWorld, overrides: Partial<{ id: string; jobType: string; group: string }> = {}): Promise<RunDto> {
  return createRun(world.ctx, world.ns, { jobType: "train", ...overrides });
}
