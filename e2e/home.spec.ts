import { expect, test } from "./fixtures";

test("home shows the demo project with its artifacts", async ({ page }) => {
  await page.goto("/");
  const project = page.getByRole("region", { name: "demo/mnist-pipeline" });
  await expect(project).toBeVisible();
  for (const name of ["raw-images", "mnist-processed", "checkpoints", "classifier", "eval-predictions"]) {
    await expect(project.getByRole("cell", { name, exact: true })).toBeVisible();
  }
  await expect(project.getByRole("row", { name: /checkpoints/ })).toContainText("36");
});

test("theme toggle switches to dark and back", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const wasDark = await html.evaluate((el) => el.classList.contains("dark"));
  await page.getByRole("button", { name: "Toggle light and dark theme" }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});
