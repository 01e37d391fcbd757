import { listOption, stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { describeCommit } from "../commit-output";
import { buildArtifact, commitJson, makeApi, withRun } from "../context";

export const finishCommand: Command = {
  name: "finish",
  usage: "arca finish [PATH…] --distributed-id ID [--name NAME] [--type TYPE] [--alias ALIAS]…",
  help: [
    "--distributed-id defaults to --group. Without PATHs, --name is required.",
    "Without a draft, the given files alone are committed; with neither, the server answers 409.",
  ],
  options: { "distributed-id": { type: "string" } },
  async run({ values, positionals, out }) {
    const distributedId = stringOption(values, "distributed-id") ?? stringOption(values, "group");
    if (!distributedId) throw new UsageError("finish needs --distributed-id ID (or --group)");
    const artifact = buildArtifact(values, positionals);
    const bars = out.progress();
    try {
      const run = await withRun(values, { required: false }, async (run) => {
        const options = { distributedId, aliases: listOption(values, "alias"), onProgress: bars.onProgress };
        await (run ? run.finishArtifact(artifact, options) : makeApi(values).finishArtifact(artifact, options));
        return run;
      });
      bars.stop();
      out.result(commitJson(artifact, run), describeCommit("finished", artifact, run));
    } finally {
      bars.stop();
    }
  },
};
