import { expect, test } from "./fixtures";

test("home lists entities and projects with counts and last activity", async ({ page }) => {
  await page.goto("/");
  const entity = page.getByRole("region", { name: "Entity demo" });
  const card = entity.getByRole("link", { name: /demo \/ mnist-pipeline/ });
  await expect(card).toContainText("7 artifacts");
  await expect(card).toContainText("Last activity");
});

test("theme toggle switches to dark and back", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const wasDark = await html.evaluate((el) => el.classList.contains("dark"));
  await page.getByRole("button", { name: "Toggle light and dark theme" }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});
