import { stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { describeCommit } from "../commit-output";
import { buildArtifact, commitJson, makeApi, withRun } from "../context";

export const upsertCommand: Command = {
  name: "upsert",
  usage: "arca upsert PATH… --distributed-id ID [--name NAME] [--type TYPE] [--reference URI[=NAME]]…",
  help: [
    "--distributed-id defaults to --group. Every writer upserts; one writer then runs `arca finish`.",
    "The same path with different contents is refused (409) and the draft is left unchanged.",
  ],
  options: { "distributed-id": { type: "string" } },
  async run({ values, positionals, out }) {
    if (positionals.length === 0 && !values.reference) throw new UsageError("upsert needs at least one PATH or --reference");
    const distributedId = stringOption(values, "distributed-id") ?? stringOption(values, "group");
    if (!distributedId) throw new UsageError("upsert needs --distributed-id ID (or --group)");
    const artifact = buildArtifact(values, positionals);
    const bars = out.progress();
    try {
      const run = await withRun(values, { required: false }, async (run) => {
        const options = { distributedId, onProgress: bars.onProgress };
        await (run ? run.upsertArtifact(artifact, options) : makeApi(values).upsertArtifact(artifact, options));
        return run;
      });
      bars.stop();
      out.result(commitJson(artifact, run), describeCommit("upserted", artifact, run));
    } finally {
      bars.stop();
    }
  },
};
