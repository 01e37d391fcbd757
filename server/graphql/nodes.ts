import { getCollection, type CollectionRow } from "../services/artifacts/collections";
import type { VersionDto } from "../services/artifacts/dto";
import { loadVersionDto } from "../services/artifacts/dto";
import { getEntry, listEntries, listVersions } from "../services/artifacts/read";
import type { ManifestEntry } from "../services/artifacts/entries";
import { resolveInCollection } from "../services/artifacts/resolve";
import { findLatestVersionId } from "@/db/queries/versions";
import type { RunRow } from "../services/runs/runs";
import type { Namespace } from "../services/schemas";
import { artifactIdOf, manifestIdOf, type ManifestKind } from "../services/wandb/ids";
import { wrapWandbConfig } from "../services/wandb/runs";
import type { GqlContext } from "./context";

/**
 * Builders of the objects resolvers return. graphql-js's default resolver reads a property, or
 * calls it with the field's arguments when it is a function: fields with arguments, or costly
 * ones, are functions, so nothing is loaded unless the query asks for it.
 */

const iso = (value: string | null) => value;

export function entityNode(name: string) {
  return { id: name, name, organization: null, xxhashDigestsEnabled: false };
}

export function projectNode(g: GqlContext, ns: Namespace, projectId: number) {
  return { id: String(projectId), internalId: String(projectId), name: ns.project, entity: entityNode(ns.entity), ns };
}

export function sequenceNode(g: GqlContext, ns: Namespace, collection: CollectionRow, projectId: number) {
  const name = collection.name;
  return {
    __typename: "ArtifactSequence",
    id: `collection-${collection.id}`,
    name,
    project: projectNode(g, ns, projectId),
    digestAlgorithm: "MANIFEST_MD5",
    latestArtifact: async () => {
      const id = await findLatestVersionId(g.ctx, collection.id);
      return id === undefined ? null : artifactNode(g, await loadVersionDto(g.ctx, id));
    },
    artifacts: async (args: { after?: string | null; first?: number | null }) => {
      const page = await listVersions(g.ctx, ns, name, { cursor: args.after ?? null, limit: args.first ?? 50, state: "COMMITTED" });
      return {
        totalCount: (await getCollection(g.ctx, ns, name)).versionCount,
        pageInfo: { endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null },
        edges: page.items.map((v) => ({ version: v.version ?? "", cursor: String(v.versionIndex), node: artifactNode(g, v) })),
      };
    },
    artifactMembership: async (args: { aliasName: string }) => {
      try {
        return membershipNode(g, await loadVersionDto(g.ctx, (await resolveInCollection(g.ctx, collection, args.aliasName)).id));
      } catch {
        return null;
      }
    },
  };
}

async function sequenceOf(g: GqlContext, v: VersionDto) {
  const collection = await getCollection(g.ctx, v, v.name);
  return sequenceNode(g, v, collection, collection.projectId);
}

export function artifactNode(g: GqlContext, v: VersionDto) {
  const sequence = () => sequenceOf(g, v);
  return {
    __typename: "Artifact",
    id: artifactIdOf(v.id),
    artifactSequence: sequence,
    versionIndex: v.versionIndex,
    artifactType: { id: v.type, name: v.type },
    description: v.description,
    metadata: JSON.stringify(v.metadata),
    // W&B's "no time-to-live"; Arca keeps versions until someone deletes them.
    ttlDurationSeconds: -1,
    ttlIsInherited: true,
    tags: [],
    historyStep: null,
    state: v.state,
    size: v.size,
    digest: v.digest ?? "",
    digestAlgorithm: "MANIFEST_MD5",
    commitHash: null,
    fileCount: v.fileCount,
    createdAt: v.createdAt,
    updatedAt: iso(v.committedAt ?? v.createdAt),
    aliases: () => v.aliases.map((alias) => ({ id: `${v.id}:${alias}`, alias, artifactCollection: sequence })),
    currentManifest: () => ({ id: manifestIdOf(v.id, "FULL"), file: manifestFile(g, v.id, "FULL", { download: true }) }),
    files: (args: FilesArgs) => filesOf(g, v, args),
    filesByManifestEntries: async (args: { entries?: { name: string }[] | null }) => {
      const files = (await Promise.all((args.entries ?? []).map((e) => getEntry(g.ctx, v.id, e.name)))).filter((e): e is ManifestEntry => e !== undefined && e.blobSha256 !== null);
      return { totalCount: files.length, pageInfo: { endCursor: null, hasNextPage: false }, edges: files.map((e) => ({ node: fileNode(g, v, e), cursor: e.path })) };
    },
  };
}

export function membershipNode(g: GqlContext, v: VersionDto) {
  const sequence = () => sequenceOf(g, v);
  return {
    id: `membership-${v.id}`,
    versionIndex: v.versionIndex,
    createdAt: v.createdAt,
    aliases: v.aliases.map((alias) => ({ id: `${v.id}:${alias}`, alias, artifactCollection: sequence })),
    artifactCollection: sequence,
    artifact: () => artifactNode(g, v),
    files: (args: FilesArgs) => filesOf(g, v, args),
  };
}

interface FilesArgs {
  names?: string[] | null;
  after?: string | null;
  first?: number | null;
}

/** Stored files of a version in path order (references are fetched by the client from their URIs). */
async function filesOf(g: GqlContext, v: VersionDto, args: FilesArgs) {
  if (args.names) {
    const files = (await Promise.all(args.names.map((n) => getEntry(g.ctx, v.id, n)))).filter((e): e is ManifestEntry => e !== undefined && e.blobSha256 !== null);
    return { totalCount: files.length, pageInfo: { endCursor: null, hasNextPage: false }, edges: files.map((e) => ({ node: fileNode(g, v, e), cursor: e.path })) };
  }
  const page = await listEntries(g.ctx, v, v.name, v.version ?? `draft-${v.id}`, { cursor: args.after ?? null, limit: args.first ?? 1000 });
  const files = page.items.filter((e) => e.sha256 !== undefined);
  return {
    totalCount: v.fileCount,
    pageInfo: { endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null },
    edges: files.map((e) => ({ node: fileNode(g, v, { path: e.path, digest: e.digest, size: e.size, blobSha256: e.sha256 ?? null, ref: null, extra: null }), cursor: e.path })),
  };
}

function fileNode(g: GqlContext, v: VersionDto, e: ManifestEntry) {
  const directUrl = g.signedUrl({ k: "get-blob", sha: e.blobSha256 ?? "" });
  return {
    id: `${v.id}:${e.path}`,
    name: e.path,
    displayName: e.path,
    url: directUrl,
    directUrl,
    sizeBytes: e.size,
    storagePath: null,
    mimetype: null,
    updatedAt: null,
    digest: e.digest,
    md5: e.digest,
    uploadUrl: null,
    uploadHeaders: [],
    uploadMultipartUrls: null,
    artifact: null,
  };
}

/** The manifest as a file: the client PUTs it while the draft is open and GETs it to download. */
export function manifestFile(g: GqlContext, versionId: number, kind: ManifestKind, opts: { download: boolean }) {
  const name = kind === "PATCH" ? "wandb_manifest.patch.json" : "wandb_manifest.json";
  const directUrl = g.signedUrl({ k: "get-manifest", v: versionId });
  return {
    id: manifestIdOf(versionId, kind),
    name,
    displayName: name,
    url: directUrl,
    directUrl,
    sizeBytes: 0,
    uploadUrl: opts.download ? null : g.signedUrl({ k: "put-manifest", v: versionId, t: kind }),
    uploadHeaders: [],
    uploadMultipartUrls: null,
  };
}

export function runNode(g: GqlContext, ns: Namespace, run: RunRow) {
  return {
    id: String(run.id),
    name: run.runId,
    displayName: run.name,
    description: null,
    config: wrapWandbConfig(JSON.parse(run.config) as Record<string, unknown>),
    summaryMetrics: run.summary,
    sweepName: null,
    project: projectNode(g, ns, run.projectId),
    historyLineCount: run.historyLineCount,
    logLineCount: 0,
    eventsLineCount: 0,
    historyTail: "[]",
    eventsTail: "[]",
    tags: [],
    notes: null,
    wandbConfig: () => "{}",
  };
}
