import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServiceContext, type ServiceContext } from "../context";
import type { BlobStore } from "../storage/blob-store";
import { storeBytesAsEntry } from "../services/blobs/store-bytes";
import { createRun, type RunDto } from "../services/runs/runs";
import type { EntryInput, Namespace } from "../services/schemas";

/** A fresh data dir, database migrated from the committed migrations, and a clock tests can move. */
export interface TestWorld {
  ctx: ServiceContext;
  ns: Namespace;
  dir: string;
  clock: { now: number };
  cleanup: () => void;
}

/** `blobs`: another store than the data dir's `blobs/` (an S3 bucket from server/storage/testing/s3rver.ts). */
export function createTestWorld(opts: { blobs?: BlobStore } = {}): TestWorld {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-test-"));
  const base = createServiceContext(dir, opts.blobs);
  const clock = { now: Date.UTC(2026, 0, 1) };
  const ctx: ServiceContext = { ...base, now: () => clock.now };
  return {
    ctx,
    ns: { entity: "acme", project: "vision" },
    dir,
    clock,
    cleanup: () => {
      base.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Uploads `content` as a blob and returns the manifest entry for it at `filePath`. */
export const fileEntry = storeBytesAsEntry;

export function refEntry(filePath: string, uri: string, digest = uri): EntryInput {
  return { path: filePath, digest, size: 0, ref: uri };
}

export function makeRun(world: TestWorld, overrides: Partial<{ id: string; jobType: string; group: string }> = {}): RunDto {
  return createRun(world.ctx, world.ns, { jobType: "train", ...overrides });
}
