import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", "data/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker per core minus one: a single file at a time on a 2-core machine. Many
    // files mostly wait (child processes, PostgreSQL, s3rver), so two at a time use the cores better.
    maxWorkers: 2,
    globalSetup: ["server/testing/global-setup.ts"],
    setupFiles: ["server/testing/setup-database.ts"],
    // Background indexing after commits would race each test's own first open of a table (and outlive its
    // data dir); server/services/tables/warm.test.ts turns it on where it is the subject.
    env: { ARCA_TABLE_INDEX_ON_COMMIT: "0" },
  },
});
