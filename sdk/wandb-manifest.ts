import { stat } from "node:fs/promises";
import { join } from "node:path";
import { compareCodePoints, computeManifestDigest } from "../lib/digest";
import { checkEntryPath } from "../lib/names";
import type { ArtifactContents } from "./contents";
import { validationError } from "./errors";
import { hashFile } from "./hash";
import { mapLimit } from "../lib/pool";
import { isReferenceEntry, type JsonObject, type ManifestEntry, type ReferenceEntry } from "./types";

/** The file name W&B gives a manifest (`wandb_manifest.json`), in an artifact's storage and in its cache. */
export const WANDB_MANIFEST_FILE = "wandb_manifest.json";
/** What the W&B client writes for every artifact it logs (wandb 0.30, `WandbStoragePolicy.config()`). */
export const WANDB_STORAGE_POLICY = "wandb-storage-policy-v1";
export const WANDB_STORAGE_POLICY_CONFIG = { storageLayout: "V2" } as const;

/** One `contents` entry of a W&B manifest, with its path. */
export interface WandbEntry {
  path: string;
  digest: string;
  size?: number;
  ref?: string;
  extra?: JsonObject;
}

export interface WandbManifest {
  entries: WandbEntry[];
  /** The W&B digest of these entries (SPEC 2): what the imported version's digest must be. */
  digest: string;
}

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a W&B manifest (`{"version":1,"storagePolicy":…,"contents":{path:{digest,size,ref?,extra?}}}`). Unknown keys
 * are ignored (SPEC 2); anything that would not give the same version here is refused, naming the entry.
 */
export function parseWandbManifest(text: string, file: string): WandbManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw validationError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json) || !isObject(json.contents)) throw validationError(`${file} is not a W&B manifest: expected an object with "contents"`);
  if (json.version !== 1) throw validationError(`${file} has manifest version ${JSON.stringify(json.version)}: only version 1 is understood`);
  const entries: WandbEntry[] = [];
  for (const [path, raw] of Object.entries(json.contents)) {
    const where = `${file}: entry ${JSON.stringify(path)}`;
    const problem = checkEntryPath(path);
    if (problem !== null) throw validationError(`${where}: ${problem}`);
    if (!isObject(raw) || typeof raw.digest !== "string" || raw.digest === "") throw validationError(`${where} has no digest`);
    if (raw.size !== undefined && raw.size !== null && !(Number.isSafeInteger(raw.size) && (raw.size as number) >= 0)) {
      throw validationError(`${where} has an invalid size ${JSON.stringify(raw.size)}`);
    }
    if (raw.ref !== undefined && typeof raw.ref !== "string") throw validationError(`${where} has a ref that is not a string`);
    const extra = isObject(raw.extra) ? raw.extra : undefined;
    // wandb's opt-in XXH128 entries: Arca's entry digest is the MD5 of the bytes, so the version would differ.
    if (raw.ref === undefined && extra?.digestAlgorithm !== undefined && extra.digestAlgorithm !== "MD5") {
      throw validationError(`${where} was hashed with ${JSON.stringify(extra.digestAlgorithm)}: Arca keeps MD5 digests, log it with wandb's default (MD5) to import it`);
    }
    entries.push({
      path,
      digest: raw.digest,
      ...(typeof raw.size === "number" ? { size: raw.size } : {}),
      ...(typeof raw.ref === "string" ? { ref: raw.ref } : {}),
      ...(extra && Object.keys(extra).length > 0 ? { extra } : {}),
    });
  }
  return { entries, digest: computeManifestDigest(entries) };
}

/**
 * Stages a manifest's entries from the folder that holds its files (the layout `wandb artifact get` leaves): each file
 * is checked against its entry's size and MD5 before anything is sent, references are taken as recorded.
 */
export async function stageWandbManifest(contents: ArtifactContents, dir: string, manifest: WandbManifest): Promise<void> {
  contents.acceptEmpty();
  const files = manifest.entries.filter((entry) => entry.ref === undefined);
  const located = await mapLimit(files, 4, async (entry) => {
    const localPath = join(dir, ...entry.path.split("/"));
    const info = await stat(localPath).catch(() => null);
    if (!info?.isFile()) throw validationError(`the manifest lists ${entry.path}, but ${localPath} is not a file`);
    if (entry.size !== undefined && info.size !== entry.size) {
      throw validationError(`${localPath} has ${info.size} bytes, but the manifest says ${entry.size}: the folder does not hold this version`);
    }
    const { md5 } = await hashFile(localPath);
    if (md5 !== entry.digest) {
      throw validationError(`${localPath} has MD5 ${md5}, but the manifest says ${entry.digest}: the folder does not hold this version`);
    }
    return { entry, localPath };
  });
  for (const { entry, localPath } of located) contents.addFile(localPath, entry.path);
  for (const entry of manifest.entries) {
    if (entry.ref === undefined) continue;
    contents.addReferenceEntry({
      path: entry.path,
      ref: entry.ref,
      digest: entry.digest,
      ...(entry.size !== undefined ? { size: entry.size } : {}),
      ...(entry.extra ? { extra: entry.extra } : {}),
    } satisfies ReferenceEntry);
  }
}

/** A version's entries as the manifest W&B writes (`ArtifactManifestV1.to_manifest_json`), in path order. */
export function toWandbManifest(entries: Iterable<ManifestEntry>): JsonObject {
  const contents: JsonObject = {};
  for (const entry of [...entries].sort((a, b) => compareCodePoints(a.path, b.path))) {
    contents[entry.path] = isReferenceEntry(entry)
      ? { digest: entry.digest, ref: entry.ref, ...(entry.size !== undefined ? { size: entry.size } : {}), ...(entry.extra ? { extra: entry.extra } : {}) }
      : { digest: entry.digest, size: entry.size };
  }
  return { version: 1, storagePolicy: WANDB_STORAGE_POLICY, storagePolicyConfig: { ...WANDB_STORAGE_POLICY_CONFIG }, contents };
}
