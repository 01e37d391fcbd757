import type { Run } from "../../sdk/index";
import { requirePositionals } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";
import { fields } from "../format";

function describeRuns(runs: Run[]): string {
  if (runs.length === 0) return "(none)";
  return runs.map((run) => `${run.path}${run.jobType ? ` (${run.jobType})` : ""}`).join("\n" + " ".repeat(11));
}

export const lineageCommand: Command = {
  name: "lineage",
  usage: "arca lineage REF",
  help: ["REF is name, name:alias, name:vN, project/name:… or entity/project/name:…."],
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const artifact = await makeApi(values).artifact(positionals[0] as string);
    const lineage = await artifact.lineage();
    out.result(
      {
        ref: artifact.ref,
        loggedBy: lineage.loggedBy.map((run) => run.info),
        usedBy: lineage.usedBy.map((run) => run.info),
        basedOn: lineage.basedOn?.info ?? null,
      },
      fields([
        ["version", artifact.ref],
        ["logged by", describeRuns(lineage.loggedBy)],
        ["used by", describeRuns(lineage.usedBy)],
        ["based on", lineage.basedOn?.ref ?? "(none)"],
      ]),
    );
  },
};
