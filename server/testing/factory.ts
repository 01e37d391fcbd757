import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServiceContext, type ServiceContext } from "../context";
import { readKeyring, type Keyring } from "../storage/keyring";
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

/**
 * `encryption` defaults to what ARCA_ENCRYPTION_KEY says, as for the server: run any service test
 * with blobs encrypted at rest by setting it (docs/security.md).
 */
export function createTestWorld(options: { encryption?: Keyring } = { encryption: readKeyring(process.env) }): TestWorld {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-test-"));
  const base = createServiceContext(dir, { encryption: options.encryption });
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
