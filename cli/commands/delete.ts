import { flagOption, requirePositionals } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";

export const deleteCommand: Command = {
  name: "delete",
  usage: "arca delete REF [--delete-aliases]",
  help: ["A version that still has aliases is refused unless --delete-aliases is given."],
  options: { "delete-aliases": { type: "boolean" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const artifact = await makeApi(values).artifact(positionals[0] as string);
    await artifact.delete({ deleteAliases: flagOption(values, "delete-aliases") });
    out.result(artifact.info ?? {}, `deleted ${artifact.ref}`);
  },
};
