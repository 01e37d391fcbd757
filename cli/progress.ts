import { createRequire } from "node:module";
import type { MultiBar, SingleBar } from "cli-progress";
import type { OnProgress, Progress } from "../sdk/index";
import { formatBytes } from "./format";

const LABELS: Record<Progress["phase"], string> = { hash: "hashing", upload: "uploading", download: "downloading" };

export interface ProgressBars {
  onProgress: OnProgress | undefined;
  stop(): void;
}

/**
 * One bar per phase on stderr, only for a person watching (a TTY) and never with --json. Logging hashes and uploads
 * at the same time (batch by batch), so the hashing and uploading bars move together; the upload bar appears with
 * the first blob the server lacks and its total grows as batches are checked.
 */
export function createProgressBars(enabled: boolean): ProgressBars {
  if (!enabled) return { onProgress: undefined, stop() {} };
  // Loaded only when bars are drawn: scripts and --json runs do not pay for it at startup.
  const cliProgress = createRequire(import.meta.url)("cli-progress") as typeof import("cli-progress");
  let multi: MultiBar | undefined;
  const bars = new Map<Progress["phase"], SingleBar>();
  const onProgress: OnProgress = (progress) => {
    const payload = {
      label: LABELS[progress.phase].padEnd(11),
      files: `${progress.filesDone}/${progress.filesTotal} files`,
      bytes: `${formatBytes(progress.bytesDone)}/${formatBytes(progress.bytesTotal)}`,
    };
    const total = Math.max(progress.bytesTotal, 1);
    const value = progress.bytesTotal === 0 ? (progress.filesDone > 0 ? 1 : 0) : progress.bytesDone;
    const bar = bars.get(progress.phase);
    if (bar) {
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(value, payload);
      return;
    }
    // Nothing to move (re-logging identical files uploads zero bytes): no bar to draw.
    if (progress.filesTotal === 0) return;
    multi ??= new cliProgress.MultiBar(
      { format: "{label} [{bar}] {percentage}% | {files} | {bytes}", stream: process.stderr, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bars.set(progress.phase, multi.create(total, value, payload));
  };
  return {
    onProgress,
    stop() {
      multi?.stop();
      multi = undefined;
      bars.clear();
    },
  };
}
