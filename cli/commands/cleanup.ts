import { flagOption, parseCount, parseDuration, requirePositionals, stringOption } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";
import { formatBytes, plural, shortTime, table } from "../format";

export const cleanupCommand: Command = {
  name: "cleanup",
  usage: "arca cleanup NAME [--keep N] [--older-than D] [--dry-run]",
  help: [
    "--keep N spares the N newest versions without an alias.",
    "--older-than D only selects versions created more than D ago: 7d, 12h, 30m, 2w or a number of days.",
    "--dry-run lists what would go and the bytes it would free (bytes still used elsewhere are not counted).",
  ],
  options: { keep: { type: "string" }, "older-than": { type: "string" }, "dry-run": { type: "boolean" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const keep = stringOption(values, "keep");
    const olderThan = stringOption(values, "older-than");
    const result = await makeApi(values).cleanup(positionals[0] as string, {
      ...(keep !== undefined ? { keepNewest: parseCount(keep, "--keep") } : {}),
      ...(olderThan !== undefined ? { olderThanDays: parseDuration(olderThan) } : {}),
      dryRun: flagOption(values, "dry-run"),
    });
    const rows = result.versions.map((info) => [info.version ?? "", shortTime(info.createdAt), formatBytes(info.size)]);
    const verb = result.dryRun ? "would delete" : "deleted";
    const summary = `${verb} ${plural(result.versions.length, "version")}, ${result.dryRun ? "freeing" : "freed"} ${formatBytes(result.bytesFreed)}`;
    out.result(result, rows.length === 0 ? "nothing to clean up" : `${table(["VERSION", "CREATED", "SIZE"], rows)}\n${summary}`);
  },
};
