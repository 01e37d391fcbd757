import { checkAlias, checkArtifactName, checkEntryPath, parseRef } from "../lib/names";
import { collectionPath, type Client } from "./client";
import { Artifact } from "./artifact";
import type { ArtifactContents } from "./contents";
import { ensureValid, validationError } from "./errors";
import { checkMetadata } from "./metadata";
import type { CommitInfo, JsonObject, OnProgress } from "./types";
import { uploadContents } from "./upload";

export interface CommitOptions {
  mode: "log" | "upsert" | "finish";
  runId?: string;
  aliases?: string[];
  distributedId?: string;
  onProgress?: OnProgress;
}

function checkAliases(aliases: string[] | undefined): void {
  for (const alias of aliases ?? []) ensureValid(checkAlias(alias));
}

/** Hash, upload what is missing, then POST …/artifacts/{name}/{log|upsert|finish} in the client's project. */
export async function commitArtifact(client: Client, artifact: Artifact, options: CommitOptions): Promise<Artifact> {
  if (artifact.isFetched) throw validationError(`${artifact.ref} was fetched from the server: use run.patchArtifact() to derive a new version`);
  checkAliases(options.aliases);
  const metadata = checkMetadata(artifact.metadata);
  // Nothing added at all is most likely a mistake; an added folder without files is what W&B logs as an empty version.
  if (options.mode === "log" && artifact.stagedCount === 0 && !artifact.mayBeEmpty) {
    throw validationError(`artifact ${artifact.name} is empty: add files, folders or references before logging it`);
  }
  const { entries, stats } = await uploadContents(client, artifact, options.onProgress);
  const { entity, project } = client.settings;
  const info = await client.post<CommitInfo>(`${collectionPath(entity, project, artifact.name)}/${options.mode}`, {
    type: artifact.type,
    ...(artifact.description ? { description: artifact.description } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(options.aliases?.length ? { aliases: options.aliases } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.distributedId ? { distributedId: options.distributedId } : {}),
    entries,
  });
  return artifact.attach(client, info, { upload: stats });
}

export interface PatchOptions {
  /** Files and references added or replaced: an Artifact or a bare ArtifactContents. */
  add?: ArtifactContents;
  /** Paths of the base version to leave out. */
  remove?: string[];
  aliases?: string[];
  description?: string;
  metadata?: JsonObject;
  onProgress?: OnProgress;
}

/** A new version from `baseRef` plus changes (POST …/patch); returns it, with `created` false after dedup. */
export async function patchArtifact(client: Client, baseRef: string, options: PatchOptions & { runId?: string }): Promise<Artifact> {
  const parsed = parseRef(baseRef);
  if (typeof parsed === "string") throw validationError(parsed);
  ensureValid(checkArtifactName(parsed.name));
  checkAliases(options.aliases);
  for (const path of options.remove ?? []) ensureValid(checkEntryPath(path));
  if (options.metadata !== undefined) checkMetadata(options.metadata);
  const prepared = options.add
    ? await uploadContents(client, options.add, options.onProgress)
    : { entries: [], stats: { filesHashed: 0, bytesHashed: 0, filesUploaded: 0, bytesUploaded: 0 } };
  const entity = parsed.entity ?? client.settings.entity;
  const project = parsed.project ?? client.settings.project;
  const info = await client.post<CommitInfo>(`${collectionPath(entity, project, parsed.name)}/patch`, {
    base: parsed.selector,
    entries: prepared.entries,
    ...(options.remove?.length ? { remove: options.remove } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.aliases?.length ? { aliases: options.aliases } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
  });
  return Artifact.fromVersion(client, info).attach(client, info, { upload: prepared.stats });
}
