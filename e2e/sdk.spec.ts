import { runSdkScenario } from "../sdk/testing/scenario";
import { expect, test } from "./fixtures";

// The SDK end to end against the real server: log, dedup re-log (zero bytes), use, download,
// collaborative upsert + finish, patch, aliases, stale edit, aliased delete, cleanup dry run.
test("the SDK scenario passes against npm start", async ({ baseURL }) => {
  const { entity, project, refs } = await runSdkScenario(baseURL!);
  // simple v0, the collaborative v0 and the patched v1, in that order
  expect(refs).toEqual([`${entity}/${project}/images:v0`, `${entity}/${project}/parts:v0`, `${entity}/${project}/images:v1`]);
});
