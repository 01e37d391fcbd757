import type { Command } from "../command";

/**
 * Every sub-command: its name and summary here, enough for `arca --help`; the module itself (and the SDK behind it)
 * is imported only when the command runs, so that startup stays short.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: "log", summary: "log files, directories and references as a new version", load: async () => (await import("./log")).logCommand },
  { name: "upsert", summary: "add files to the collaborative draft shared by a distributed id", load: async () => (await import("./upsert")).upsertCommand },
  { name: "finish", summary: "commit the collaborative draft of a distributed id (optionally adding files)", load: async () => (await import("./finish")).finishCommand },
  { name: "patch", summary: "derive a new version from a base version plus added and removed entries", load: async () => (await import("./patch")).patchCommand },
  { name: "use", summary: "record a version as an input of a run", load: async () => (await import("./use")).useCommand },
  { name: "import", summary: "log the version a W&B manifest (wandb_manifest.json) and its files describe", load: async () => (await import("./import")).importCommand },
  { name: "export", summary: "download a version with its W&B manifest (wandb_manifest.json) beside the files", load: async () => (await import("./export")).exportCommand },
  { name: "download", summary: "download a version's files (only those missing or changed)", load: async () => (await import("./download")).downloadCommand },
  { name: "versions", summary: "list the committed versions of an artifact, newest first", load: async () => (await import("./versions")).versionsCommand },
  { name: "alias", summary: "add an alias to a version (moving it if elsewhere) or remove one", load: async () => (await import("./alias")).aliasCommand },
  { name: "update", summary: "change a version's description or metadata", load: async () => (await import("./update")).updateCommand },
  { name: "delete", summary: "soft-delete a version (its bytes are reclaimed by gc)", load: async () => (await import("./delete")).deleteCommand },
  { name: "cleanup", summary: "delete the versions of an artifact that have no alias", load: async () => (await import("./cleanup")).cleanupCommand },
  { name: "gc", summary: "delete stored blobs that no live version references", load: async () => (await import("./gc")).gcCommand },
  { name: "lineage", summary: "show the runs that logged and used a version, and its base version", load: async () => (await import("./lineage")).lineageCommand },
];
