import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { toWandbManifest, WANDB_MANIFEST_FILE } from "../../sdk/wandb-manifest";
import type { ManifestEntry } from "../../sdk/types";
import { requirePositionals, stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";
import { fields, formatBytes, plural } from "../format";

export const exportCommand: Command = {
  name: "export",
  usage: "arca export REF DIR [--manifest FILE]",
  help: [
    `Downloads the version's files into DIR and writes its W&B manifest beside them as DIR/${WANDB_MANIFEST_FILE}`,
    "(or --manifest FILE): version 1, W&B's storagePolicy and storagePolicyConfig, each entry's digest, size,",
    "ref and extra. `arca import DIR` (or W&B tooling) reads it back to the same digest.",
    "References are written to the manifest only: Arca never copies their bytes.",
  ],
  options: { manifest: { type: "string" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 2, this.usage);
    const dir = resolve(positionals[1] as string);
    const manifestFile = resolve(stringOption(values, "manifest") ?? join(dir, WANDB_MANIFEST_FILE));
    const artifact = await makeApi(values).artifact(positionals[0] as string);
    const entries: ManifestEntry[] = [];
    for await (const entry of artifact.files()) entries.push(entry);
    // Checked before the first byte is written: the manifest must not overwrite one of the version's own files.
    if (entries.some((entry) => resolve(dir, ...entry.path.split("/")) === manifestFile)) {
      throw new UsageError(`${artifact.ref} has a file at ${manifestFile}: pass --manifest FILE to write the manifest elsewhere`);
    }
    const bars = out.progress();
    try {
      await artifact.download(dir, { onProgress: bars.onProgress });
    } finally {
      bars.stop();
    }
    await mkdir(resolve(manifestFile, ".."), { recursive: true });
    await writeFile(manifestFile, `${JSON.stringify(toWandbManifest(entries), null, 2)}\n`);
    const stats = artifact.lastDownload;
    out.result(
      { ref: artifact.ref, digest: artifact.digest, manifest: manifestFile, entries: entries.length, ...stats },
      fields([
        ["exported", `${artifact.ref} → ${dir}`],
        ["digest", artifact.digest ?? ""],
        ["manifest", `${manifestFile} (${entries.length} ${entries.length === 1 ? "entry" : "entries"})`],
        ["fetched", `${plural(stats?.filesDownloaded ?? 0, "file")}, ${formatBytes(stats?.bytesDownloaded ?? 0)}`],
      ]),
    );
  },
};
