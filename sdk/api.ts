import { checkArtifactName, parseRef } from "../lib/names";
import { Artifact, type Lineage } from "./artifact";
import { Client, collectionPath, projectPath, versionPath } from "./client";
import { commitArtifact, patchArtifact, type PatchOptions } from "./commit";
import { resolveSettings, type ClientOptions } from "./config";
import { ensureValid, validationError } from "./errors";
import { parseRunPath, Run } from "./run";
import type { CleanupResult, GcResult, OnProgress, RunInfo, VersionInfo, VersionState } from "./types";
import { VersionPager, type VersionPage } from "./versions";

export interface CleanupOptions {
  /** Spare the N newest versions without an alias. */
  keepNewest?: number;
  /** Only versions created more than this many days ago (fractions allowed: 0.5 is 12 hours). */
  olderThanDays?: number;
  dryRun?: boolean;
}

/** `wandb.Api()`: reads and manages what is stored, outside any run. */
export class Api {
  readonly client: Client;

  constructor(options: ClientOptions = {}) {
    this.client = new Client(resolveSettings(options));
  }

  get entity(): string {
    return this.client.settings.entity;
  }

  get project(): string {
    return this.client.settings.project;
  }

  /** `[entity/][project/]name[:alias|vN]` → the version, missing parts from this Api's defaults. */
  locate(ref: string): { entity: string; project: string; name: string; selector: string } {
    const parsed = parseRef(ref);
    if (typeof parsed === "string") throw validationError(parsed);
    ensureValid(checkArtifactName(parsed.name));
    return { entity: parsed.entity ?? this.entity, project: parsed.project ?? this.project, name: parsed.name, selector: parsed.selector };
  }

  /** `api.artifact('entity/project/name:alias')`; with `type`, a collection of another type is refused. */
  async artifact(ref: string, type?: string): Promise<Artifact> {
    const info = await this.client.get<VersionInfo>(versionPath(this.locate(ref)));
    if (type !== undefined && info.type !== type) throw validationError(`${info.ref} is a ${info.type}, not a ${type}`);
    return Artifact.fromVersion(this.client, info);
  }

  /** Every version of a collection, newest first (committed ones unless `state` says otherwise). */
  artifactVersions(type: string | undefined, name: string, { state, perPage = 50 }: { state?: VersionState | "all"; perPage?: number } = {}): VersionPager {
    const { entity, project, name: collection } = this.locate(name);
    const fetchPage = async (cursor: string | null): Promise<VersionPage> => {
      const query = new URLSearchParams({ limit: String(perPage) });
      if (cursor) query.set("cursor", cursor);
      if (state) query.set("state", state);
      const page = await this.client.get<VersionPage>(`${collectionPath(entity, project, collection)}/versions?${query}`);
      const other = type === undefined ? undefined : page.versions.find((info) => info.type !== type);
      if (other) throw validationError(`${entity}/${project}/${collection} is a ${other.type}, not a ${type}`);
      return page;
    };
    return new VersionPager(fetchPage, (info) => Artifact.fromVersion(this.client, info));
  }

  /** `api.run('entity/project/id')` (or `project/id`, `id`). */
  async run(path: string): Promise<Run> {
    const { entity, project, id } = parseRunPath(path, this.client.settings);
    const info = await this.client.get<RunInfo>(`${projectPath(entity, project)}/runs/${encodeURIComponent(id)}`);
    return new Run(this.client.settings, info);
  }

  /** Versions without an alias, except the `keepNewest` newest, created more than `olderThanDays` ago. */
  async cleanup(name: string, { keepNewest, olderThanDays, dryRun = false }: CleanupOptions = {}): Promise<CleanupResult> {
    if (name.includes(":")) throw validationError(`cleanup takes a collection name, not a version: ${JSON.stringify(name)}`);
    const { entity, project, name: collection } = this.locate(name);
    return this.client.post<CleanupResult>(`${collectionPath(entity, project, collection)}/cleanup`, {
      ...(keepNewest !== undefined ? { keepNewest } : {}),
      ...(olderThanDays !== undefined ? { olderThanDays } : {}),
      dryRun,
    });
  }

  /** Deletes blobs no live version references; safe while uploads are in progress. */
  gc({ dryRun = false }: { dryRun?: boolean } = {}): Promise<GcResult> {
    return this.client.post<GcResult>("/gc", { dryRun });
  }

  /** Runs that logged and used a version, and the version it was patched from. */
  async lineage(ref: string): Promise<Lineage> {
    return (await this.artifact(ref)).lineage();
  }

  /** Simple mode outside a run, like `artifact.save()`, into this Api's project. */
  logArtifact(artifact: Artifact, { aliases, onProgress }: { aliases?: string[]; onProgress?: OnProgress } = {}): Promise<Artifact> {
    return commitArtifact(this.client, artifact, { mode: "log", aliases, onProgress });
  }

  /** Collaborative mode outside a run: the draft gets entries but no producing run. */
  upsertArtifact(artifact: Artifact, { distributedId, onProgress }: { distributedId: string; onProgress?: OnProgress }): Promise<Artifact> {
    return commitArtifact(this.client, artifact, { mode: "upsert", distributedId: requireId(distributedId), onProgress });
  }

  finishArtifact(artifact: Artifact, options: { distributedId: string; aliases?: string[]; onProgress?: OnProgress }): Promise<Artifact> {
    return commitArtifact(this.client, artifact, { mode: "finish", ...options, distributedId: requireId(options.distributedId) });
  }

  /** Patch mode outside a run: the new version has no producing run. */
  patchArtifact(baseRef: string, options: PatchOptions = {}): Promise<Artifact> {
    return patchArtifact(this.client, baseRef, options);
  }
}

function requireId(distributedId: string | undefined): string {
  if (!distributedId) throw validationError("collaborative mode needs a distributedId shared by every writer");
  return distributedId;
}
