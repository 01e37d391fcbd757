import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";
import { getCollection } from "./collections";
import { loadVersionDto, loadVersionDtos, type VersionDto } from "./dto";
import type { ManifestEntry } from "./entries";
import { findEntry, listEntryPage, listVersionEntries } from "@/db/queries/entries";
import { listVersionKeys } from "@/db/queries/grid";
import { resolveVersion } from "./resolve";

export type VersionStateFilter = "COMMITTED" | "PENDING" | "DELETED" | "all";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const clampLimit = (limit: number | undefined, max: number) => Math.min(Math.max(limit ?? 50, 1), max);

/**
 * Versions newest first, keyset-paged: committed/deleted by version index, drafts and "all"
 * by id. The cursor is the last key seen, so any page costs the same (no OFFSET).
 */
export async function listVersions(
  ctx: ServiceContext,
  ns: Namespace,
  name: string,
  opts: { limit?: number; cursor?: string | null; state?: VersionStateFilter },
): Promise<Page<VersionDto>> {
  const collection = await getCollection(ctx, ns, name);
  const limit = clampLimit(opts.limit, 500);
  const state = opts.state ?? "COMMITTED";
  const cursor = opts.cursor ? Number(opts.cursor) : null;
  if (cursor !== null && !Number.isInteger(cursor)) throw new ValidationError(`invalid cursor ${JSON.stringify(opts.cursor)}`);
  const rows = await listVersionKeys(ctx, { collectionId: collection.id, state, before: cursor, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    items: await loadVersionDtos(ctx, page.map((r) => r.id)),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.k) : null,
  };
}

export async function getVersion(ctx: ServiceContext, ns: Namespace, name: string, selector: string): Promise<VersionDto> {
  return loadVersionDto(ctx, (await resolveVersion(ctx, ns, name, selector)).version.id);
}

export interface EntryDto {
  path: string;
  digest: string;
  size: number;
  sha256?: string;
  ref?: string;
  extra?: Record<string, unknown>;
}

export function toEntryDto(e: ManifestEntry): EntryDto {
  return {
    path: e.path,
    digest: e.digest,
    size: e.size,
    ...(e.blobSha256 ? { sha256: e.blobSha256 } : {}),
    ...(e.ref ? { ref: e.ref } : {}),
    ...(e.extra ? { extra: JSON.parse(e.extra) as Record<string, unknown> } : {}),
  };
}

/** Entries in path order, keyset-paged on the (version, path) unique index. */
export async function listEntries(
  ctx: ServiceContext,
  ns: Namespace,
  name: string,
  selector: string,
  opts: { limit?: number; cursor?: string | null; prefix?: string },
): Promise<Page<EntryDto>> {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  const limit = clampLimit(opts.limit ?? 1000, 10_000);
  const prefix = opts.prefix ?? "";
  const after = opts.cursor ?? "";
  const rows = await listEntryPage(ctx, { versionId: version.id, after, prefix, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { items: page.map(toEntryDto), nextCursor: rows.length > limit ? page[page.length - 1]!.path : null };
}

export function getEntry(ctx: ServiceContext, versionId: number, path: string): Promise<ManifestEntry | undefined> {
  return findEntry(ctx, versionId, path);
}

/** The W&B-compatible manifest (`wandb-artifact-manifest` version 1). */
export async function getManifest(ctx: ServiceContext, ns: Namespace, name: string, selector: string) {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  const contents: Record<string, Omit<EntryDto, "path">> = {};
  for (const row of await listVersionEntries(ctx, version.id)) {
    const { path, ...rest } = toEntryDto(row);
    contents[path] = rest;
  }
  return { version: 1, storagePolicy: "wandb-storage-policy-v1", storagePolicyConfig: {}, contents };
}
