import path from "node:path";
import { expect, test } from "./fixtures";
import { ACCOUNTS_URL, stateFile } from "./accounts-env";

const SCREENS = process.env.E2E_SCREENS_DIR ?? path.join("test-results", "screens");

/**
 * Every page the header and the home page lead to, as an instance admin, in both themes: each
 * loads without a console error (the fixture checks) and shows its heading. The account pages
 * are photographed for review.
 */
for (const theme of ["light", "dark"] as const) {
  test(`account and admin pages load in the ${theme} theme`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL: ACCOUNTS_URL, storageState: stateFile("ada"), viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => localStorage.setItem("arca-theme", t), theme);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    const pages: [string, RegExp | string, string | null][] = [
      ["/", "Projects", null],
      ["/demo/mnist-pipeline", "mnist-pipeline", null],
      ["/demo/mnist-pipeline/artifacts/classifier", "classifier", null],
      ["/demo/mnist-pipeline/artifacts/classifier/latest", /^classifier:v\d+$/, null],
      ["/settings/keys", "Create an API key", "keys"],
      ["/settings/sessions", "Settings", "sessions"],
      ["/settings/teams", "Create a team", "teams"],
      ["/settings/teams/demo", "Members of demo", "members"],
      ["/admin/users", "Create a user", "admin-users"],
      ["/admin/audit", "Administration", "admin-audit"],
      ["/admin/jobs", "Administration", "admin-jobs"],
    ];
    for (const [url, heading, shot] of pages) {
      await page.goto(url);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
      await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
      if (shot) await page.screenshot({ path: path.join(SCREENS, `${shot}-${theme}.png`), fullPage: true });
    }
    await page.getByRole("button", { name: "ada" }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await page.screenshot({ path: path.join(SCREENS, `menu-${theme}.png`) });
    expect(errors).toEqual([]);
    await context.close();

    const anonymous = await browser.newContext({ baseURL: ACCOUNTS_URL, viewport: { width: 1280, height: 800 } });
    await anonymous.addInitScript((t) => localStorage.setItem("arca-theme", t), theme);
    const signIn = await anonymous.newPage();
    await signIn.goto("/sign-in");
    await expect(signIn.getByRole("heading", { name: "Sign in to Arca" })).toBeVisible();
    await signIn.screenshot({ path: path.join(SCREENS, `sign-in-${theme}.png`) });
    await anonymous.close();
  });
}
