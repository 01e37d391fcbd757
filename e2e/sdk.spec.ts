import { runSdkScenario } from "../sdk/testing/scenario";
import { expect, test } from "./fixtures";

// The SDK end to end against the real server: log, dedup re-log (zero bytes), use, download,
// collaborative upsert + finish, patch, aliases, stale edit, aliased delete, cleanup dry run.
test("the SDK scenario passes against npm start", async ({ baseURL }) => {
  const report = await runSdkScenario(baseURL!);
  expect(report.refs.length).toBeGreaterThan(3);
});
