import { expect, test } from "./fixtures";

test("local mode: the header says so, and the account pages explain that accounts are off", async ({ page }) => {
  await page.goto("/");
  const badge = page.getByText("local mode", { exact: true });
  await expect(badge).toBeVisible();
  await expect(page.locator("header span[title*='no sign-in']")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);

  await page.goto("/sign-in");
  await expect(page.getByText("Accounts are off")).toBeVisible();
  await page.getByRole("link", { name: "Go to the projects" }).click();
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();

  for (const url of ["/settings/keys", "/settings/teams/demo", "/admin/users"]) {
    await page.goto(url);
    await expect(page.getByText("Accounts are off (local mode)")).toBeVisible();
  }

  // The local user has every right: edit and cleanup controls are there.
  await page.goto("/demo/mnist-pipeline");
  await expect(page.getByRole("link", { name: "Clean up" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
});
