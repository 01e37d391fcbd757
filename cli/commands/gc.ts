import { flagOption } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";
import { formatBytes, plural } from "../format";

export const gcCommand: Command = {
  name: "gc",
  usage: "arca gc [--dry-run]",
  help: ["Safe while uploads are in progress: blobs uploaded or announced in the last hour are kept."],
  options: { "dry-run": { type: "boolean" } },
  async run({ values, out }) {
    const dryRun = flagOption(values, "dry-run");
    const result = await makeApi(values).gc({ dryRun });
    out.result(
      { dryRun, ...result },
      `${dryRun ? "would delete" : "deleted"} ${plural(result.blobsDeleted, "blob")}, ${dryRun ? "freeing" : "freed"} ${formatBytes(result.bytesFreed)}`,
    );
  },
};
