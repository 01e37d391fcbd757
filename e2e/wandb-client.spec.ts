import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureWandbVenv, hasWandbTool, runFlow, venvTool } from "../server/graphql/testing/wandb-harness";
import { expect, test } from "./fixtures";

// The stock wandb client against the real server (`npm start`: Next.js routes, request guard,
// streamed uploads); every flow in detail is server/graphql/wandb-client.test.ts.
test("the stock wandb client logs a run and an artifact; the run page shows its summary and config", async ({ page, baseURL }) => {
  test.skip(!hasWandbTool, `${venvTool} (the offline wandb venv builder) is not on this machine`);
  test.setTimeout(300_000);
  await ensureWandbVenv();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "arca-e2e-wandb-"));
  try {
    const result = await runFlow({ baseUrl: baseURL!, work, flow: "smoke", apiKey: "a".repeat(40) });
    expect(result).toMatchObject({ entity: "local-e2e", version: "v0", same: true });
    await page.goto(`/local-e2e/wb/runs/${result.train_run}`);
    const summary = page.getByRole("region", { name: "Summary" });
    await expect(summary.getByRole("row", { name: /loss/ })).toContainText("0.125");
    await expect(summary).toContainText("2 logged steps");
    await expect(page.getByRole("region", { name: "Config" })).toContainText("seed");
    await expect(page.getByRole("region", { name: "Logged artifacts" })).toContainText("model:v0");
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
