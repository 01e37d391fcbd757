import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const WINDOW_MS = 200;

/**
 * ARCA_EVENTLOOP_LOG=<file>: every 200 ms the server appends `<epoch ms> <worst event-loop delay in ms>`
 * to the file (bench/eventloop.mjs reads it). Off unless set; the cost is one timer.
 */
export function startLoopMonitor(env: Record<string, string | undefined> = process.env): void {
  const file = env.ARCA_EVENTLOOP_LOG;
  if (!file) return;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const timer = setInterval(() => {
    fs.appendFileSync(/*turbopackIgnore: true*/ file, `${Date.now()} ${(histogram.max / 1e6).toFixed(1)}\n`);
    histogram.reset();
  }, WINDOW_MS);
  timer.unref();
}
