import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { Artifact, toValidName } from "../../sdk/index";
import { parseWandbManifest, stageWandbManifest, WANDB_MANIFEST_FILE } from "../../sdk/wandb-manifest";
import { listOption, requirePositionals, stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { describeCommit } from "../commit-output";
import { commitJson, logWithRun, metadataOption } from "../context";
import { ArcaError } from "../../sdk/errors";

const DEFAULT_TYPE = "dataset";

export const importCommand: Command = {
  name: "import",
  usage: "arca import DIR [--manifest FILE] [--name NAME] [--type TYPE] [--alias ALIAS]…",
  help: [
    `Logs the version a W&B manifest describes: DIR holds its files (as \`wandb artifact get\` leaves them) and`,
    `DIR/${WANDB_MANIFEST_FILE} (or --manifest FILE). Every file is checked against the manifest's size and MD5`,
    "before anything is sent; references are recorded exactly as W&B recorded them (no request to their URIs).",
    "The new version has the W&B digest; files in DIR that the manifest does not list are ignored.",
    "--name defaults to DIR's basename without a `:vN` or `:alias` suffix; --type defaults to dataset.",
    "--description, --metadata, --run, --job-type and --group work as for `arca log`.",
  ],
  options: { manifest: { type: "string" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    if (positionals.length > 1) throw new UsageError(`import takes one DIR, not ${positionals.length}`);
    if (listOption(values, "reference").length > 0) throw new UsageError("import records the manifest's references; --reference does not apply");
    const dir = resolve(positionals[0] as string);
    const manifestFile = resolve(stringOption(values, "manifest") ?? join(dir, WANDB_MANIFEST_FILE));
    const text = await readFile(manifestFile, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read the manifest ${manifestFile} (${error.code ?? error.message}): pass --manifest FILE`);
    });
    const manifest = parseWandbManifest(text, manifestFile);
    const description = stringOption(values, "description");
    const metadata = metadataOption(values);
    const artifact = new Artifact(importName(stringOption(values, "name"), dir), stringOption(values, "type") ?? DEFAULT_TYPE, {
      ...(description !== undefined ? { description } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
    });
    await stageWandbManifest(artifact, dir, manifest);
    const bars = out.progress();
    const options = { aliases: listOption(values, "alias"), onProgress: bars.onProgress };
    try {
      const run = await logWithRun(values, artifact, options);
      bars.stop();
      // By construction the digests agree; a difference means the server changed an entry, which must not pass quietly.
      if (artifact.digest !== manifest.digest) {
        throw new ArcaError(`${artifact.ref} got digest ${artifact.digest ?? "none"}, but the manifest's entries give ${manifest.digest}`, { code: "DIGEST_MISMATCH" });
      }
      out.result({ ...commitJson(artifact, run), manifest: manifestFile }, describeCommit("imported", artifact, run));
    } finally {
      bars.stop();
    }
  },
};

/** `--name`, else DIR's basename with W&B's download suffix (`name:v3`, `name:latest`) dropped. */
function importName(given: string | undefined, dir: string): string {
  if (given !== undefined) return given;
  const base = basename(dir);
  const name = toValidName(base.includes(":") ? base.slice(0, base.lastIndexOf(":")) : base);
  if (!name) throw new UsageError(`cannot derive an artifact name from ${dir}: pass --name`);
  return name;
}
