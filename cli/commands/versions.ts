import { requirePositionals, stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";
import { formatBytes, shortTime, table } from "../format";

const STATES = ["COMMITTED", "PENDING", "DELETED", "all"] as const;

function isState(text: string): text is (typeof STATES)[number] {
  return (STATES as readonly string[]).includes(text);
}

export const versionsCommand: Command = {
  name: "versions",
  usage: "arca versions NAME [--type TYPE] [--state COMMITTED|PENDING|DELETED|all]",
  help: ["NAME may be qualified: project/name or entity/project/name. With --type, another type is refused."],
  options: { state: { type: "string" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const state = stringOption(values, "state");
    if (state !== undefined && !isState(state)) throw new UsageError(`--state must be one of ${STATES.join(", ")}`);
    const versions = await makeApi(values).artifactVersions(stringOption(values, "type"), positionals[0] as string, state ? { state } : {});
    const rows = versions.map((artifact) => {
      const info = artifact.info;
      return [
        info?.version ?? artifact.selector,
        info?.state ?? "",
        (info?.aliases ?? []).join(","),
        String(info?.fileCount ?? 0),
        formatBytes(info?.size ?? 0),
        shortTime(info?.createdAt),
        (info?.digest ?? "").slice(0, 12),
      ];
    });
    out.result(
      { versions: versions.map((artifact) => artifact.info) },
      rows.length === 0 ? "no versions" : table(["VERSION", "STATE", "ALIASES", "FILES", "SIZE", "CREATED", "DIGEST"], rows),
    );
  },
};
