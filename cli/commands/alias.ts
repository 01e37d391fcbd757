import { requirePositionals, UsageError } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";

export const aliasCommand: Command = {
  name: "alias",
  usage: "arca alias add|rm REF ALIAS",
  help: ["An alias points at one version of its collection: adding it here moves it from any other version."],
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 3, this.usage);
    const [action, ref, alias] = positionals as [string, string, string];
    if (action !== "add" && action !== "rm") throw new UsageError(`alias: expected add or rm, got ${JSON.stringify(action)}`);
    const artifact = await makeApi(values).artifact(ref);
    await (action === "add" ? artifact.addAlias(alias) : artifact.removeAlias(alias));
    const aliases = artifact.aliases.length > 0 ? artifact.aliases.join(", ") : "(none)";
    out.result(artifact.info ?? {}, `${action === "add" ? "added" : "removed"} ${alias} ${action === "add" ? "to" : "from"} ${artifact.ref}\naliases  ${aliases}`);
  },
};
