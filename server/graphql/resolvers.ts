import { authorizeProject, type Access } from "../access/policy";
import { findBlobByMd5 } from "@/db/queries/blobs";
import { NotFoundError, ValidationError, isDomainError } from "../errors";
import { describeViewer } from "../services/accounts/viewer";
import { findCollection } from "../services/artifacts/collections";
import { loadVersionDto, type VersionDto } from "../services/artifacts/dto";
import { resolveRef } from "../services/artifacts/resolve";
import { updateVersion } from "../services/artifacts/update";
import { findMissingBlobs } from "../services/blobs/blobs";
import { MULTIPART_TTL_MS } from "../services/blobs/signed-urls";
import { completeMultipartUpload } from "../services/blobs/store-unnamed";
import { findProject } from "../services/projects/projects";
import type { Namespace } from "../services/schemas";
import { commitWandbArtifact, createWandbArtifact, loadWandbVersion, parseWandbMetadata, useWandbArtifact } from "../services/wandb/artifacts";
import { parseArtifactId, parseManifestId, type ManifestKind } from "../services/wandb/ids";
import { findWandbRun, upsertWandbRun, type UpsertBucketInput } from "../services/wandb/runs";
import type { GqlContext } from "./context";
import { artifactNode, entityNode, manifestFile, membershipNode, projectNode, runNode, sequenceNode } from "./nodes";

/** Resolvers of Query and Mutation. Every one asks the access policy before it reads or writes. */

async function can(g: GqlContext, access: Access, ns: Namespace): Promise<boolean> {
  try {
    await authorizeProject(g.ctx, g.principal, access, ns);
    return true;
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") return false;
    throw error;
  }
}

/** Reads of a project answer null when it does not exist or is not visible, as W&B does. */
async function visibleProject(g: GqlContext, ns: Namespace) {
  if (!(await can(g, "read", ns))) return null;
  return await findProject(g.ctx, ns) ?? null;
}

function defaultEntity(g: GqlContext): string {
  if (g.principal.kind === "anonymous") return "";
  return describeViewer(g.ctx, g.principal).defaultEntity ?? g.principal.name;
}

function namespace(g: GqlContext, entity: string | null | undefined, project: string | null | undefined): Namespace {
  if (!project) throw new ValidationError("a project name is needed (wandb.init(project=...) or WANDB_PROJECT)");
  return { entity: entity || defaultEntity(g), project };
}

/** The version an artifact id names, after the access check (no access looks like a missing artifact). */
async function versionFor(g: GqlContext, id: string, access: Access): Promise<VersionDto> {
  const v = await loadWandbVersion(g.ctx, parseArtifactId(id));
  await authorizeProject(g.ctx, g.principal, access, v);
  return v;
}

async function projectResolver(g: GqlContext, args: { name?: string | null; entityName?: string | null }) {
  if (!args.name) return null;
  const ns = namespace(g, args.entityName, args.name);
  const project = await visibleProject(g, ns);
  if (!project) return null;
  const collectionNode = async (name: string) => {
    const collection = await findCollection(g.ctx, project.id, name);
    return collection ? sequenceNode(g, ns, collection, project.id) : null;
  };
  const versionByRef = async (ref: string) => {
    try {
      return await loadVersionDto(g.ctx, (await resolveRef(g.ctx, ns, ref)).version.id);
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    }
  };
  return {
    ...projectNode(g, ns, project.id),
    artifactType: ({ name }: { name: string }) => ({
      id: name,
      name,
      artifactCollection: async (a: { name: string }) => {
        const node = await collectionNode(a.name);
        return node && (await findCollection(g.ctx, project.id, a.name))?.type === name ? node : null;
      },
    }),
    artifactCollection: ({ name }: { name: string }) => collectionNode(name),
    artifact: async ({ name }: { name: string }) => {
      const v = await versionByRef(name);
      return v ? artifactNode(g, v) : null;
    },
    artifactCollectionMembership: async ({ name }: { name: string }) => {
      const v = await versionByRef(name);
      return v ? membershipNode(g, v) : null;
    },
    bucket: async ({ name }: { name: string }) => {
      const run = await findWandbRun(g.ctx, ns, name);
      return run ? runNode(g, ns, run) : null;
    },
  };
}

export const queryResolvers = {
  viewer: (_: unknown, g: GqlContext) => {
    if (g.principal.kind === "anonymous") return null;
    const viewer = describeViewer(g.ctx, g.principal);
    const entity = defaultEntity(g);
    return { id: viewer.username, name: viewer.username, username: viewer.username, email: null, admin: viewer.isAdmin, flags: "{}", entity, deletedAt: null, apiKeys: { edges: [] }, teams: { edges: [] } };
  },
  // No optional W&B server features: the client then uses the plain protocol Arca implements.
  serverInfo: () => ({ features: [] }),
  entity: (args: { name: string }) => entityNode(args.name),
  project: (args: { name?: string | null; entityName?: string | null }, g: GqlContext) => projectResolver(g, args),
  model: (args: { name?: string | null; entityName?: string | null }, g: GqlContext) => projectResolver(g, args),
  artifact: async (args: { id: string }, g: GqlContext) => {
    try {
      return artifactNode(g, await versionFor(g, args.id, "read"));
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    }
  },
  clientIDMapping: () => {
    throw new ValidationError("client id references between artifacts logged in the same run are not supported by Arca yet; log the referenced artifact first and use its name");
  },
};

interface AliasInput {
  alias: string;
  artifactCollectionName: string;
}

export const mutationResolvers = {
  upsertBucket: async ({ input }: { input: UpsertBucketInput & { entityName?: string | null; modelName?: string | null } }, g: GqlContext) => {
    const ns = namespace(g, input.entityName, input.modelName);
    await authorizeProject(g.ctx, g.principal, "write", ns);
    const { run, inserted } = await upsertWandbRun(g.ctx, ns, input);
    return { bucket: runNode(g, ns, run), inserted };
  },
  createRunFiles: async ({ input }: { input: { entityName: string; projectName: string; runName: string; files: string[] } }, g: GqlContext) => {
    const ns = namespace(g, input.entityName, input.projectName);
    await authorizeProject(g.ctx, g.principal, "write", ns);
    const run = await findWandbRun(g.ctx, ns, input.runName);
    if (!run) throw new NotFoundError(`run ${input.runName} does not exist in ${ns.entity}/${ns.project}`);
    return { runID: String(run.id), uploadHeaders: [], files: input.files.map((name) => ({ name, uploadUrl: g.signedUrl({ k: "put-run-file" }) })) };
  },
  createArtifact: async (
    {
      input,
    }: {
      input: {
        entityName: string;
        projectName: string;
        artifactCollectionName: string;
        artifactTypeName: string;
        digest: string;
        description?: string | null;
        metadata?: string | null;
        aliases?: AliasInput[] | null;
        runName?: string | null;
        distributedID?: string | null;
        clientID?: string | null;
      };
    },
    g: GqlContext,
  ) => {
    const ns = namespace(g, input.entityName, input.projectName);
    await authorizeProject(g.ctx, g.principal, "write", ns);
    const name = input.artifactCollectionName;
    const created = await createWandbArtifact(g.ctx, {
      ns,
      name,
      type: input.artifactTypeName,
      digest: input.digest,
      description: input.description,
      metadata: input.metadata,
      aliases: (input.aliases ?? []).filter((a) => a.artifactCollectionName === name).map((a) => a.alias),
      runName: input.runName,
      distributedId: input.distributedID,
      clientId: input.clientID || input.digest,
    });
    return { artifact: artifactNode(g, await loadVersionDto(g.ctx, created.versionId)) };
  },
  createArtifactManifest: async ({ input }: { input: { artifactID: string; type?: ManifestKind | null } }, g: GqlContext) => {
    const v = await versionFor(g, input.artifactID, "write");
    const kind = input.type ?? "FULL";
    return { artifactManifest: { id: `${v.id}:${kind}`, file: manifestFile(g, v.id, kind, { download: false }) } };
  },
  updateArtifactManifest: async ({ input }: { input: { artifactManifestID: string } }, g: GqlContext) => {
    const { versionId, kind } = parseManifestId(input.artifactManifestID);
    const v = await versionFor(g, String(versionId), "write");
    return { artifactManifest: { id: input.artifactManifestID, file: manifestFile(g, v.id, kind, { download: false }) } };
  },
  createArtifactFiles: async (
    { input }: { input: { artifactFiles: { artifactID: string; md5: string; name: string; uploadPartsInput?: { hexMD5: string; partNumber: number }[] | null }[] } },
    g: GqlContext,
  ) => {
    // Each artifact the files name is checked once, before anything is handed out.
    for (const id of new Set(input.artifactFiles.map((spec) => spec.artifactID))) await versionFor(g, id, "write");
    const edges = await Promise.all(input.artifactFiles.map(async (spec) => {
      // The server already holds bytes with this MD5: the client skips the upload, as with W&B.
      // The blob is leased so a garbage collection before the commit cannot take it.
      const held = await findBlobByMd5(g.ctx, spec.md5);
      if (held) await findMissingBlobs(g.ctx, [held]);
      const parts = held ? [] : (spec.uploadPartsInput ?? []);
      // Files of 2 GiB and more: the client announces its parts (100 MiB each, their MD5s) and PUTs
      // each to its own URL. The upload id is itself signed: it says which file the parts make.
      const uploadID = parts.length > 0 ? g.signToken({ k: "multipart", md5: spec.md5, parts: parts.length }, MULTIPART_TTL_MS) : null;
      return {
        node: {
          storagePath: `md5/${Buffer.from(spec.md5, "base64").toString("hex")}`,
          uploadUrl: held ? null : g.signedUrl({ k: "put-file", md5: spec.md5 }),
          uploadHeaders: [],
          uploadMultipartUrls: uploadID
            ? { uploadID, uploadUrlParts: parts.map((p) => ({ partNumber: p.partNumber, uploadUrl: g.signedUrl({ k: "put-part", up: uploadID, n: p.partNumber, md5: p.hexMD5 }) })) }
            : null,
          artifact: { id: spec.artifactID },
        },
      };
    }));
    return { files: { totalCount: edges.length, pageInfo: { endCursor: null, hasNextPage: false }, edges } };
  },
  completeMultipartUploadArtifact: async ({ input }: { input: { artifactID: string; uploadID: string } }, g: GqlContext) => {
    await versionFor(g, input.artifactID, "write");
    const upload = g.verifyToken(input.uploadID);
    if (upload.k !== "multipart") throw new ValidationError("uploadID is not the id of a multipart upload this server started");
    const stored = await completeMultipartUpload(g.ctx, { uploadId: input.uploadID, md5: upload.md5, parts: upload.parts });
    return { digest: stored.md5 };
  },
  commitArtifact: async ({ input }: { input: { artifactID: string } }, g: GqlContext) => {
    const v = await versionFor(g, input.artifactID, "write");
    return { artifact: artifactNode(g, await commitWandbArtifact(g.ctx, v.id)) };
  },
  useArtifact: async ({ input }: { input: { artifactID: string; entityName: string; projectName: string; runName: string } }, g: GqlContext) => {
    const v = await versionFor(g, input.artifactID, "read");
    const runNs = namespace(g, input.entityName, input.projectName);
    await authorizeProject(g.ctx, g.principal, "write", runNs);
    return { artifact: artifactNode(g, await useWandbArtifact(g.ctx, { versionId: v.id, runNs, runName: input.runName })) };
  },
  addAliases: ({ input }: { input: { artifactID: string; aliases: AliasInput[] } }, g: GqlContext) => changeAliases(g, input, "add"),
  deleteAliases: ({ input }: { input: { artifactID: string; aliases: AliasInput[] } }, g: GqlContext) => changeAliases(g, input, "remove"),
  updateArtifact: async (
    { input }: { input: { artifactID: string; description?: string | null; metadata?: string | null; aliases?: AliasInput[] | null } },
    g: GqlContext,
  ) => {
    const v = await versionFor(g, input.artifactID, "write");
    const metadata = parseWandbMetadata(input.metadata);
    const aliases = input.aliases ? { set: aliasesOfCollection(v, input.aliases) } : undefined;
    const updated = await updateVersion(
      g.ctx,
      v,
      v.name,
      selectorOf(v),
      { description: input.description ?? undefined, metadata, replaceMetadata: metadata !== undefined, aliases },
      g.actor,
    );
    return { artifact: artifactNode(g, updated) };
  },
};

function selectorOf(v: VersionDto): string {
  return v.version ?? `draft-${v.id}`;
}

function aliasesOfCollection(v: VersionDto, aliases: AliasInput[]): string[] {
  const other = aliases.find((a) => a.artifactCollectionName !== v.name);
  if (other) throw new ValidationError(`alias ${other.alias} names collection ${other.artifactCollectionName}, but the artifact is in ${v.name}; portfolios (linking) are not supported by Arca`);
  return aliases.map((a) => a.alias);
}

async function changeAliases(g: GqlContext, input: { artifactID: string; aliases: AliasInput[] }, op: "add" | "remove") {
  const v = await versionFor(g, input.artifactID, "write");
  await updateVersion(g.ctx, v, v.name, selectorOf(v), { aliases: { [op]: aliasesOfCollection(v, input.aliases) }, replaceMetadata: false }, g.actor);
  return { success: true };
}
