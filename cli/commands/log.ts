import { listOption, UsageError } from "../args";
import type { Command } from "../command";
import { describeCommit } from "../commit-output";
import { buildArtifact, commitJson, logWithRun } from "../context";

export const logCommand: Command = {
  name: "log",
  usage: "arca log PATH… [--name NAME] [--type TYPE] [--alias ALIAS]… [--reference URI[=NAME]]…",
  help: [
    "A file is stored under its basename; a directory's contents go to the artifact's root.",
    "--name defaults to the first PATH's basename; --type defaults to dataset.",
    "No run is recorded unless --run, --job-type or --group is given.",
    "Identical contents reuse the existing version (created: false) and upload nothing.",
  ],
  async run({ values, positionals, out }) {
    if (positionals.length === 0 && listOption(values, "reference").length === 0) {
      throw new UsageError("log needs at least one PATH or --reference");
    }
    const artifact = buildArtifact(values, positionals);
    const bars = out.progress();
    const options = { aliases: listOption(values, "alias"), onProgress: bars.onProgress };
    try {
      const run = await logWithRun(values, artifact, options);
      bars.stop();
      out.result(commitJson(artifact, run), describeCommit("logged", artifact, run));
    } finally {
      bars.stop();
    }
  },
};
