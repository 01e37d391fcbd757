import path from "node:path";
import { openDb, openPostgres } from "@/db/client";
import type { Database } from "@/db/sql/sql";
import { readConfig, type ArcaConfig } from "./config";
import type { BlobStore } from "./storage/blob-store";
import type { DirectTransfers } from "./storage/direct-transfers";
import { openBlobStore, openDirectTransfers } from "./storage/open-blob-store";
import { createAuth, loadOrCreateSecret, type Auth } from "./auth/auth";
import { deriveSigningSecret } from "./services/blobs/signed-urls";
import { runSql } from "./workers/sqlite";

/** What every service gets: the database, the blob store and a clock. */
export interface ServiceContext {
  /** Where this instance keeps its files: the SQLite database, local blobs and rebuildable caches (table indexes). */
  dataDir: string;
  /** The metadata database: every query in db/queries takes it (the data dir's SQLite file, or PostgreSQL with ARCA_DATABASE_URL). */
  sql: Database;
  blobs: BlobStore;
  /** ARCA_S3_DIRECT=1: clients move bytes with pre-signed URLs (docs/deploy.md). */
  direct?: DirectTransfers | undefined;
  now: () => number;
}

/** `blobs`: where blob bytes live (`openBlobStore(dataDir, config.storage, config.encryption)`); the data dir's `blobs/` unless given. */
export function createServiceContext(
  dataDir: string,
  blobs: BlobStore = openBlobStore(dataDir, { kind: "local" }),
  { databaseUrl }: { databaseUrl?: string | undefined } = {},
): ServiceContext {
  const sql = databaseUrl ? openPostgres(databaseUrl) : openDb(path.join(dataDir, "arca.sqlite"), undefined, { checkpoint: checkpointInWorker }).sql;
  return { dataDir, sql, blobs, now: Date.now };
}

/** WAL checkpoints of the metadata database in the SQLite worker pool, off the event loop (db/sql/sqlite.ts). */
async function checkpointInWorker(file: string): Promise<void> {
  await runSql({ file, steps: [{ mode: "all", sql: "PRAGMA wal_checkpoint(PASSIVE)" }] });
}

interface ArcaGlobal {
  ctx?: ServiceContext;
  urlSecret?: string;
  config?: ArcaConfig;
  auth?: Auth;
}

// Next bundles route handlers separately; globalThis keeps one database handle per process.
const holder = globalThis as typeof globalThis & { __arca?: ArcaGlobal };

export function getConfig(): ArcaConfig {
  holder.__arca ??= {};
  return (holder.__arca.config ??= readConfig());
}

export function getServiceContext(): ServiceContext {
  holder.__arca ??= {};
  if (holder.__arca.ctx) return holder.__arca.ctx;
  const { dataDir, storage, encryption, databaseUrl } = getConfig();
  const blobs = openBlobStore(dataDir, storage, encryption);
  return (holder.__arca.ctx = { ...createServiceContext(dataDir, blobs, { databaseUrl }), direct: openDirectTransfers(blobs, storage) });
}

/** The process's better-auth instance (sessions, passwords, single sign-on). */
export function getAuth(): Auth {
  holder.__arca ??= {};
  return (holder.__arca.auth ??= createAuth(getServiceContext(), getConfig()));
}

/** The key of signed URLs (W&B upload and download URLs), derived from the session secret. */
export function getUrlSigningSecret(): string {
  holder.__arca ??= {};
  if (holder.__arca.urlSecret) return holder.__arca.urlSecret;
  const config = getConfig();
  return (holder.__arca.urlSecret = deriveSigningSecret(config.authSecret ?? loadOrCreateSecret(config.dataDir)));
}
