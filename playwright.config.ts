import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.join(os.tmpdir(), `arca-e2e-${PORT}`);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  // Generous for a loaded 2-core machine; a passing run rarely waits more than a second.
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // `npm start` itself, on a fresh data dir every run: the demo is seeded, and tests add what they need
    // through the API or the CLI. (`npm run test:e2e` has built the app first.)
    command: `rm -rf ${E2E_DATA_DIR} && node scripts/start.mjs`,
    url: `http://127.0.0.1:${PORT}/api/v1/projects`,
    reuseExistingServer: false,
    timeout: 120_000,
    // Local mode records edits with the OS user; the specs name that person.
    env: { ARCA_DATA_DIR: E2E_DATA_DIR, HOST: "127.0.0.1", PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", ARCA_LOCAL_USER: "ada" },
  },
});
