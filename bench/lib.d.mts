// Types of bench/lib.mjs for the TypeScript benchmarks (bench/pages.ts).
import type { ChildProcess } from "node:child_process";

export function startServer(options: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  asNpmStart?: boolean;
  keepDir?: boolean;
}): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }>;
