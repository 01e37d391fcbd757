import { flagOption, requirePositionals, stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { makeApi, metadataOption } from "../context";
import { fields } from "../format";

export const updateCommand: Command = {
  name: "update",
  usage: "arca update REF [--description TEXT] [--metadata JSON] [--replace-metadata]",
  help: [
    "--metadata merges its keys into the version's metadata; with --replace-metadata it replaces it.",
    "A concurrent edit made between the read and the write is refused (412), never silently lost.",
  ],
  options: { "replace-metadata": { type: "boolean" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const description = stringOption(values, "description");
    const metadata = metadataOption(values);
    if (description === undefined && metadata === undefined) throw new UsageError("update needs --description or --metadata");
    const artifact = await makeApi(values).artifact(positionals[0] as string);
    if (description !== undefined) artifact.description = description;
    if (metadata !== undefined) {
      if (flagOption(values, "replace-metadata")) artifact.metadata = metadata;
      else Object.assign(artifact.metadata, metadata);
    }
    await artifact.save();
    out.result(
      artifact.info ?? {},
      fields([
        ["updated", artifact.ref],
        ["description", artifact.description || "(empty)"],
        ["metadata", JSON.stringify(artifact.metadata)],
        ["revision", String(artifact.revision ?? "")],
      ]),
    );
  },
};
