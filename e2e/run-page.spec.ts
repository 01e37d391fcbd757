import { expect, test } from "./fixtures";
import { createRun, logRefVersion, NS } from "./seed";

test("the run page opens on its summary and config; a long artifact list folds after 10", async ({ page, request }) => {
  const runId = `many-${Date.now().toString(36)}`;
  await createRun(request, runId);
  for (let i = 0; i < 12; i++) await logRefVersion(request, `out-${runId}`, i, { runId });
  await page.goto(`/${NS.entity}/${NS.project}/runs/${runId}`);
  // Outcome first: Summary and Config above the artifact lists and the graph.
  const top = async (name: string) => (await page.getByRole("region", { name, exact: true }).first().boundingBox())!.y;
  expect(await top("Summary")).toBeLessThan(await top("Logged artifacts"));
  expect(await top("Config")).toBeLessThan(await top("Logged artifacts"));
  expect(await top("Logged artifacts")).toBeLessThan(await top("Lineage"));
  await expect(page.getByRole("region", { name: "Summary", exact: true })).toContainText("No summary metrics recorded.");
  await expect(page.getByRole("tree", { name: "Run config" })).toContainText("lr: 0.01");

  const logged = page.getByRole("region", { name: "Logged artifacts" });
  await expect(logged.getByRole("heading")).toHaveText("Logged artifacts (12)");
  await expect(logged.getByRole("listitem")).toHaveCount(10);
  await logged.getByRole("button", { name: "Show all 12" }).click();
  await expect(page).toHaveURL(/logged=all/);
  await expect(logged.getByRole("listitem")).toHaveCount(12);
  await expect(logged.getByRole("link", { name: `out-${runId}:v11` })).toBeVisible();
  // The open list is in the URL: a reload (or a shared link) shows all 12.
  await page.reload();
  await expect(logged.getByRole("listitem")).toHaveCount(12);
  await logged.getByRole("button", { name: "Show the first 10" }).click();
  await expect(logged.getByRole("listitem")).toHaveCount(10);
  await expect(page).not.toHaveURL(/logged=all/);
  // A short list has nothing to fold.
  await expect(page.getByRole("region", { name: "Used artifacts" }).getByRole("button")).toHaveCount(0);
});
