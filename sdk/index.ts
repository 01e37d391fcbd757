/**
 * Arca TypeScript SDK (Node only). The calls mirror the W&B Python Artifacts API one to one, in camelCase:
 * `wandb.init` → `init`, `wandb.Artifact` → `Artifact`, `run.log_artifact` → `run.logArtifact`, `wandb.Api` → `Api`.
 * See docs/sdk.md.
 */
export { Artifact, type ArtifactOptions, type Lineage, type SaveOptions } from "./artifact";
export { ArtifactContents } from "./contents";
export { ArtifactEntry } from "./entry";
export { NewFile } from "./new-file";
export { init, Run, type InitOptions } from "./run";
export { Api, type CleanupOptions } from "./api";
export { VersionPager } from "./versions";
export type { PatchOptions } from "./commit";
export { ArcaError } from "./errors";
export { DEFAULT_BASE_URL, DEFAULT_PROJECT, resolveSettings, toValidName, type ClientOptions, type Settings } from "./config";
export { hashFile, type FileHashes } from "./hash";
export { inferReferenceName } from "./references";
export { resolveInside } from "./download";
export type * from "./types";
