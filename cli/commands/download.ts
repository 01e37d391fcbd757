import { requirePositionals, stringOption } from "../args";
import type { Command } from "../command";
import { makeApi } from "../context";
import { fields, formatBytes, plural } from "../format";

export const downloadCommand: Command = {
  name: "download",
  usage: "arca download REF [--root DIR]",
  help: [
    "--root defaults to ./artifacts/NAME:vN. Every file is checked against its MD5.",
    "References are not fetched: Arca never copies their bytes.",
  ],
  options: { root: { type: "string" } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const artifact = await makeApi(values).artifact(positionals[0] as string);
    const bars = out.progress();
    try {
      await artifact.download(stringOption(values, "root"), { onProgress: bars.onProgress });
    } finally {
      bars.stop();
    }
    const stats = artifact.lastDownload;
    if (!stats) throw new Error("download did not report what it did");
    out.result(
      { ref: artifact.ref, ...stats },
      fields([
        ["downloaded", `${artifact.ref} → ${stats.root}`],
        ["fetched", `${plural(stats.filesDownloaded, "file")}, ${formatBytes(stats.bytesDownloaded)}`],
        ["unchanged", plural(stats.filesUnchanged, "file")],
        ...(stats.referencesSkipped > 0 ? ([["references", `${stats.referencesSkipped} not fetched`]] as [string, string][]) : []),
      ]),
    );
  },
};
