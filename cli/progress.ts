import cliProgress from "cli-progress";
import type { OnProgress, Progress } from "../sdk/index";
import { formatBytes } from "./format";

const LABELS: Record<Progress["phase"], string> = { hash: "hashing", upload: "uploading", download: "downloading" };

export interface ProgressBars {
  onProgress: OnProgress | undefined;
  stop(): void;
}

/** One bar per phase on stderr, only for a person watching (a TTY) and never with --json. */
export function createProgressBars(enabled: boolean): ProgressBars {
  if (!enabled) return { onProgress: undefined, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  let phase: Progress["phase"] | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  const onProgress: OnProgress = (progress) => {
    const payload = {
      label: LABELS[progress.phase].padEnd(11),
      files: `${progress.filesDone}/${progress.filesTotal} files`,
      bytes: `${formatBytes(progress.bytesDone)}/${formatBytes(progress.bytesTotal)}`,
    };
    if (progress.phase !== phase) {
      stop();
      phase = progress.phase;
      // Nothing to move (re-logging identical files uploads zero bytes): no bar to draw.
      if (progress.filesTotal === 0) return;
      bar = new cliProgress.SingleBar(
        { format: "{label} [{bar}] {percentage}% | {files} | {bytes}", stream: process.stderr, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(progress.bytesTotal, 1), progress.bytesDone, payload);
      return;
    }
    bar?.update(progress.bytesTotal === 0 ? 1 : progress.bytesDone, payload);
  };
  return { onProgress, stop };
}
