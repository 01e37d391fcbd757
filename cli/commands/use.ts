import { requirePositionals } from "../args";
import type { Command } from "../command";
import { fields } from "../format";
import { withRun } from "../context";

export const useCommand: Command = {
  name: "use",
  usage: "arca use REF [--run ID] [--job-type TYPE] [--group GROUP]",
  help: [
    "REF is name, name:alias, name:vN, project/name:… or entity/project/name:….",
    "Without --run a new run is created (job type from --job-type, default cli), finished, and its id printed.",
  ],
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const ref = positionals[0] as string;
    const { artifact, run } = await withRun(values, { required: true, defaultJobType: "cli" }, async (run) => {
      if (!run) throw new Error("use: a run is required");
      return { artifact: await run.useArtifact(ref), run };
    });
    out.result(
      { ...artifact.info, runId: run.id },
      fields([
        ["used", artifact.ref],
        ["by run", run.path],
      ]),
    );
  },
};
