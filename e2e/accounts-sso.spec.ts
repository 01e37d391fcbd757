import { expect, test } from "./fixtures";
import { OIDC_NAME, OIDC_PORT } from "./accounts-env";

// The provider's development pages pull a web font from the internet, which this machine cannot reach.
test.beforeEach(async ({ page }) => {
  await page.route("https://fonts.googleapis.com/**", (route) => route.fulfill({ status: 200, contentType: "text/css", body: "" }));
});

test("single sign-on: a new person signs in through the OpenID Connect provider and lands where they were going", async ({ page }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("/settings/keys")}`);
  await page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
  // The provider's own login and consent pages (any login name works there).
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/`));
  await page.locator('input[name="login"]').fill("grace");
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  // Back in Arca, signed in as the user the provider's claims made.
  await expect(page).toHaveURL(/\/settings\/keys$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByRole("button", { name: /grace/ })).toBeVisible();
});
