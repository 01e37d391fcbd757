import type { OnProgress, Progress } from "./types";

export interface Tracker {
  /** `bytes` more done, and one more file when `fileDone`. */
  add(bytes: number, fileDone: boolean): void;
  /** The totals grew: more files are known to be part of this phase. */
  grow(files: number, bytes: number): void;
}

/** Counts bytes and files of one phase and reports every change; the first report announces the totals known then. */
export function tracker(phase: Progress["phase"], filesTotal: number, bytesTotal: number, onProgress?: OnProgress): Tracker {
  const state: Progress = { phase, bytesDone: 0, bytesTotal, filesDone: 0, filesTotal };
  onProgress?.({ ...state });
  return {
    add(bytes, fileDone) {
      state.bytesDone += bytes;
      if (fileDone) state.filesDone += 1;
      onProgress?.({ ...state });
    },
    grow(files, bytes) {
      if (files === 0 && bytes === 0) return;
      state.filesTotal += files;
      state.bytesTotal += bytes;
      onProgress?.({ ...state });
    },
  };
}
