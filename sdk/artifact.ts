import { compareCodePoints } from "../lib/digest";
import { checkAlias, checkArtifactName, checkArtifactType } from "../lib/names";
import { Client, versionPath, type VersionLocation } from "./client";
import { getActiveSettings, resolveSettings, type ClientOptions } from "./config";
import { commitArtifact } from "./commit";
import { ArtifactContents } from "./contents";
import { downloadEntries, listEntries } from "./download";
import { ArtifactEntry } from "./entry";
import { ensureValid, validationError } from "./errors";
import { checkMetadata, diffAliases, diffMetadata } from "./metadata";
import { Run } from "./run";
import type { DownloadStats, JsonObject, OnProgress, RunInfo, UploadStats, VersionInfo } from "./types";

/** Module-private: lets fromVersion skip the checks a server-made version already passed. */
const FROM_SERVER = Symbol("fromServer");

export interface ArtifactOptions {
  description?: string;
  metadata?: JsonObject;
}

export interface SaveOptions extends ClientOptions {
  /** Only for a new artifact: aliases to put on the version it logs (`latest` always moves). */
  aliases?: string[];
  onProgress?: OnProgress;
}

export interface Lineage {
  loggedBy: Run[];
  usedBy: Run[];
  basedOn: Artifact | null;
}

/**
 * `new Artifact(name, type)` builds a version to log; `api.artifact(ref)` and the run methods return Artifacts bound
 * to a version on the server. A bound Artifact downloads, edits (save), deletes and walks lineage.
 */
export class Artifact extends ArtifactContents {
  readonly name: string;
  description: string;
  /** After a log/upsert/finish/patch: false when dedup reused an existing version. */
  created: boolean | undefined;
  lastUpload: UploadStats | undefined;
  lastDownload: DownloadStats | undefined;
  #type: string;
  #metadata: JsonObject;
  #metadataReplaced = false;
  #aliases: string[] = [];
  #aliasesReplaced = false;
  #client: Client | undefined;
  #info: VersionInfo | undefined;
  #fetched = false;

  constructor(name: string, type: string, options: ArtifactOptions & { [FROM_SERVER]?: true } = {}) {
    super();
    const { description = "", metadata = {} } = options;
    if (!options[FROM_SERVER]) {
      ensureValid(checkArtifactName(name));
      ensureValid(checkArtifactType(type));
    }
    this.name = name;
    this.#type = type;
    this.description = description;
    this.#metadata = checkMetadata(metadata);
  }

  /** A version that exists on the server (its type may be a reserved `arca-` one, so no type check). */
  static fromVersion(client: Client, info: VersionInfo): Artifact {
    return new Artifact(info.name, info.type, { [FROM_SERVER]: true }).attach(client, info, { fetched: true });
  }

  /** Binds this artifact to the version the server answered (after a commit, or when fetched). */
  attach(client: Client, info: VersionInfo & { created?: boolean }, { fetched = false, upload }: { fetched?: boolean; upload?: UploadStats } = {}): this {
    this.#client = client;
    this.#info = info;
    this.#fetched = this.#fetched || fetched;
    this.#type = info.type;
    this.description = info.description;
    this.#metadata = structuredClone(info.metadata);
    this.#aliases = [...info.aliases];
    this.#metadataReplaced = false;
    this.#aliasesReplaced = false;
    if (info.created !== undefined) this.created = info.created;
    if (upload) this.lastUpload = upload;
    return this;
  }

  protected override assertEditable(): void {
    if (this.#fetched) throw validationError(`${this.ref} is already committed: add files through run.patchArtifact() instead`);
  }

  /** True for versions fetched from the server, which carry no local contents to log. */
  get isFetched(): boolean { return this.#fetched; }

  get type(): string { return this.#type; }
  /** The server's Version fields, once logged or fetched. */
  get info(): VersionInfo | undefined { return this.#info; }

  get metadata(): JsonObject {
    return this.#metadata;
  }

  /** Assigning replaces the metadata on save(); changing keys in place merges them. */
  set metadata(value: JsonObject) {
    this.#metadata = checkMetadata(value);
    this.#metadataReplaced = true;
  }

  get aliases(): string[] {
    return this.#aliases;
  }

  /** Assigning replaces the aliases on save(); push/splice add and remove single ones. */
  set aliases(value: string[]) {
    this.#aliases = [...value];
    this.#aliasesReplaced = true;
  }

  get id(): number | undefined { return this.#info?.id; }
  get entity(): string | undefined { return this.#info?.entity; }
  get project(): string | undefined { return this.#info?.project; }
  get version(): string | null | undefined { return this.#info?.version; }
  get digest(): string | null | undefined { return this.#info?.digest; }
  get state(): VersionInfo["state"] | undefined { return this.#info?.state; }
  get size(): number | undefined { return this.#info?.size; }
  get fileCount(): number | undefined { return this.#info?.fileCount; }
  get revision(): number | undefined { return this.#info?.revision; }
  get basedOn(): string | null | undefined { return this.#info?.basedOn; }
  get createdAt(): string | undefined { return this.#info?.createdAt; }

  /** `entity/project/name:vN` (or `:draft-ID` for a collaborative draft) once logged. */
  get ref(): string {
    return this.#info?.ref ?? `${this.name} (not logged)`;
  }

  /** The selector that names this version in URLs: `vN`, or `draft-ID` for a draft. */
  get selector(): string {
    const ref = this.#bound().info.ref;
    return ref.slice(ref.lastIndexOf(":") + 1);
  }

  location(): VersionLocation {
    const { info } = this.#bound();
    return { entity: info.entity, project: info.project, name: info.name, selector: this.selector };
  }

  client(): Client {
    return this.#bound().client;
  }

  #bound(): { client: Client; info: VersionInfo } {
    if (!this.#client || !this.#info) throw validationError(`artifact ${this.name} is not logged yet: log it with run.logArtifact() or save()`);
    return { client: this.#client, info: this.#info };
  }

  /**
   * A new artifact: logs it with no producing run (to the project of the last init(), or the defaults).
   * A logged one: persists description, metadata and alias changes, refused if someone saved in between.
   */
  async save(options: SaveOptions = {}): Promise<this> {
    if (!this.#info) {
      const settings = getActiveSettings();
      const client = new Client(resolveSettings({ ...(settings ?? {}), ...stripUndefined(options) }));
      await commitArtifact(client, this, { mode: "log", aliases: options.aliases, onProgress: options.onProgress });
      return this;
    }
    const { client, info } = this.#bound();
    for (const alias of this.#aliases) ensureValid(checkAlias(alias));
    const aliases = diffAliases(info.aliases, this.#aliases, this.#aliasesReplaced);
    const body = {
      ...(this.description !== info.description ? { description: this.description } : {}),
      ...diffMetadata(info.metadata, checkMetadata(this.#metadata), this.#metadataReplaced),
      ...(aliases ? { aliases } : {}),
    };
    if (Object.keys(body).length === 0) return this;
    const updated = await client.request<VersionInfo>("PATCH", versionPath(this.location()), { ...body, expectedRevision: info.revision });
    return this.attach(client, updated);
  }

  /** Adds (or moves here) one alias at once, without the stale-edit check of save(). */
  async addAlias(alias: string): Promise<this> {
    ensureValid(checkAlias(alias));
    const { client } = this.#bound();
    return this.attach(client, await client.post<VersionInfo>(`${versionPath(this.location())}/aliases`, { alias }));
  }

  async removeAlias(alias: string): Promise<this> {
    const { client } = this.#bound();
    const path = `${versionPath(this.location())}/aliases/${encodeURIComponent(alias)}`;
    return this.attach(client, await client.request<VersionInfo>("DELETE", path));
  }

  /** Soft-deletes the version; refused while it has aliases unless `deleteAliases`. */
  async delete({ deleteAliases = false }: { deleteAliases?: boolean } = {}): Promise<void> {
    const { client } = this.#bound();
    const query = deleteAliases ? "?deleteAliases=true" : "";
    this.attach(client, await client.request<VersionInfo>("DELETE", `${versionPath(this.location())}${query}`));
  }

  /** Writes every missing or changed file under `root` (default `./artifacts/{name}:{version}`) and returns it. */
  async download(root?: string, { onProgress }: { onProgress?: OnProgress } = {}): Promise<string> {
    const { client } = this.#bound();
    const entries = [];
    for await (const entry of listEntries(client, this.location())) entries.push(entry);
    this.lastDownload = await downloadEntries(client, this.location(), root ?? this.defaultRoot(), entries, onProgress);
    return this.lastDownload.root;
  }

  defaultRoot(): string {
    return `./artifacts/${this.name}:${this.version ?? this.selector}`;
  }

  /** The entry at `name`, to download alone or to read its reference URI. */
  async getPath(name: string): Promise<ArtifactEntry> {
    const { client } = this.#bound();
    for await (const entry of listEntries(client, this.location(), name)) {
      if (entry.path === name) return new ArtifactEntry(this, entry);
      if (compareCodePoints(entry.path, name) > 0 && !entry.path.startsWith(name)) break;
    }
    throw validationError(`${this.ref} has no entry ${JSON.stringify(name)}`);
  }

  /** Every entry, in path order, without downloading anything. */
  files() {
    const { client } = this.#bound();
    return listEntries(client, this.location());
  }

  async lineage(): Promise<Lineage> {
    const { client } = this.#bound();
    const raw = await client.get<{ loggedBy: RunInfo[]; usedBy: RunInfo[]; basedOn: VersionInfo | null }>(`${versionPath(this.location())}/lineage`);
    const toRun = (info: RunInfo) => new Run(client.settings, info);
    return {
      loggedBy: raw.loggedBy.map(toRun),
      usedBy: raw.usedBy.map(toRun),
      basedOn: raw.basedOn ? Artifact.fromVersion(client, raw.basedOn) : null,
    };
  }

  /** Every run that produced this version (several after dedup or a collaborative finish), unlike W&B's single run. */
  async loggedBy(): Promise<Run[]> { return (await this.lineage()).loggedBy; }
  async usedBy(): Promise<Run[]> { return (await this.lineage()).usedBy; }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
