import path from "node:path";
import { openDb, type Db, type DbHandle } from "@/db/client";
import { readConfig, type ArcaConfig } from "./config";
import { LocalBlobStore } from "./storage/local-blob-store";
import type { BlobStore } from "./storage/blob-store";
import { EncryptedBlobStore } from "./storage/encrypted-blob-store";
import type { Keyring } from "./storage/keyring";
import { createAuth, type Auth } from "./auth/auth";

/** What every service gets: the database, the blob store and a clock. */
export interface ServiceContext {
  db: Db;
  sqlite: DbHandle["sqlite"];
  blobs: BlobStore;
  now: () => number;
}

/** `encryption`: the keyring from ARCA_ENCRYPTION_KEY; blobs are then encrypted at rest, whatever the store. */
export function createServiceContext(dataDir: string, options: { encryption?: Keyring } = {}): ServiceContext {
  const { db, sqlite } = openDb(path.join(dataDir, "arca.sqlite"));
  const local = new LocalBlobStore(path.join(dataDir, "blobs"));
  const blobs = options.encryption ? new EncryptedBlobStore(local, options.encryption) : local;
  return { db, sqlite, blobs, now: Date.now };
}

interface ArcaGlobal {
  ctx?: ServiceContext;
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
  const config = getConfig();
  return (holder.__arca.ctx ??= createServiceContext(config.dataDir, { encryption: config.encryption }));
}

/** The process's better-auth instance (sessions, passwords, single sign-on). */
export function getAuth(): Auth {
  holder.__arca ??= {};
  return (holder.__arca.auth ??= createAuth(getServiceContext(), getConfig()));
}
