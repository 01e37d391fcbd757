import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS_URL, PASSWORDS, SESSION_COOKIE, stateFile, type E2eUser } from "./accounts-env";

const PROJECT = "/demo/mnist-pipeline";
const VERSION = `${PROJECT}/artifacts/classifier/latest`;

/** A browser context signed in as `user` (the session accounts.setup.ts saved). */
async function signedIn(browser: Browser, user: E2eUser) {
  return browser.newContext({ baseURL: ACCOUNTS_URL, storageState: stateFile(user) });
}

async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

async function signInWithForm(page: Page, identifier: string, password: string) {
  await page.getByLabel("Username or e-mail").fill(identifier);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
}

test.describe("signing in", () => {
  test.use({ expectedHttpErrors: [401] });

  test("an anonymous visitor is sent to sign-in; a wrong password is refused in words; the right one lands on the page asked for", async ({ page }) => {
    await page.goto(PROJECT);
    // The server in front of Next passes the path on, so sign-in knows where to come back to.
    await expect(page).toHaveURL(`${ACCOUNTS_URL}/sign-in?next=${encodeURIComponent(PROJECT)}`);
    await expect(page.getByRole("heading", { name: "Sign in to Arca" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);

    await page.goto(`/sign-in?next=${encodeURIComponent(PROJECT + "?tab=runs")}`);
    await signInWithForm(page, "ada", "not-the-password");
    await expect(page.getByText(/Wrong username, e-mail or password/)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);

    await signInWithForm(page, "ada", PASSWORDS.ada);
    await expect(page).toHaveURL(`${ACCOUNTS_URL}${PROJECT}?tab=runs`);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "mnist-pipeline" })).toBeVisible();
    await expect(page.getByRole("button", { name: "ada" })).toBeVisible();
  });

  test("?next= never leaves the site, and an e-mail signs in too", async ({ page }) => {
    await page.goto("/sign-in?next=//evil.example/x");
    await signInWithForm(page, "ada@users.arca.invalid", PASSWORDS.ada);
    await expect(page).toHaveURL(`${ACCOUNTS_URL}/`);
    await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  });
});

test("an admin creates an API key in the browser; it works as a Bearer key until it is revoked", async ({ browser, playwright }) => {
  const context = await signedIn(browser, "ada");
  const page = await context.newPage();
  await page.goto("/settings/keys");
  await hydrated(page);
  await page.getByLabel("Name").fill("e2e-ci");
  await page.getByLabel("Expires after").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("you will not see it again")).toBeVisible();
  const key = (await page.getByTestId("new-key").textContent())?.trim() ?? "";
  expect(key.length).toBeGreaterThan(20);
  await expect(page.getByText(`export ARCA_API_KEY=${key}`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "e2e-ci" });
  await expect(row).toContainText(`${key.slice(0, 8)}`);
  await expect(row).toContainText("all");
  await expect(row).toContainText("never"); // not used yet

  const api = await playwright.request.newContext({ baseURL: ACCOUNTS_URL });
  expect((await api.get("/api/v1/projects")).status()).toBe(401);
  const ok = await api.get("/api/v1/projects", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain("mnist-pipeline");

  await page.getByRole("button", { name: "I have copied it" }).click();
  await page.reload();
  await expect(row).not.toContainText("never"); // used once now, and it expires in 30 days
  await row.getByRole("button", { name: "Revoke key e2e-ci…" }).click();
  await row.getByRole("button", { name: "Revoke e2e-ci" }).click();
  await expect(page.getByRole("row").filter({ hasText: "e2e-ci" })).toHaveCount(0);
  expect((await api.get("/api/v1/projects", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
  await api.dispose();
  await context.close();
});

test("an admin creates a user, gives them a role on the members page, changes it, and sees it in the audit logs", async ({ browser }) => {
  const context = await signedIn(browser, "ada");
  const page = await context.newPage();
  await page.goto("/admin/users");
  await hydrated(page);
  const form = page.getByRole("form", { name: "Create a user" });
  await form.getByLabel(/^Username/).fill("carol");
  await form.getByLabel(/^Password/).fill("carol-pass-1");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("row").filter({ hasText: "carol" })).toBeVisible();

  // From the project page's header, as an entity admin would.
  await page.goto(PROJECT);
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/settings\/teams\/demo$/);
  await expect(page.getByRole("heading", { name: "Members of demo" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "vera" })).toContainText("entity-wide");

  const add = page.getByRole("form", { name: "Add a member" });
  await add.getByLabel("Username").fill("carol");
  await add.getByLabel(/^Project/).fill("mnist-pipeline");
  await add.getByLabel("Role").selectOption("editor");
  await add.getByRole("button", { name: "Add member" }).click();
  const carol = page.getByRole("row").filter({ hasText: "carol" });
  await expect(carol).toContainText("demo/mnist-pipeline");
  await expect(carol.getByRole("combobox")).toHaveValue("editor");

  await carol.getByRole("combobox").selectOption("viewer");
  const audit = page.getByRole("list", { name: "Audit events" });
  await expect(audit).toContainText("ada changed carol from editor to viewer on demo/mnist-pipeline");
  await expect(audit).toContainText("ada granted carol editor on demo/mnist-pipeline");
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "carol" }).getByRole("combobox")).toHaveValue("viewer");

  await page.goto("/admin/audit?entity=demo");
  await expect(page.getByRole("list", { name: "Audit events" })).toContainText("ada changed carol from editor to viewer on demo/mnist-pipeline");
  // Garbage collection from a project's storage panel is a job: the jobs page (every instance's) shows it.
  await page.goto(`${PROJECT}/cleanup`);
  await hydrated(page);
  const storage = page.getByRole("region", { name: "Storage" });
  await storage.getByRole("button", { name: "Run garbage collection" }).click();
  await expect(storage.getByTestId("storage-gc-result")).toContainText("Reclaimed");
  await page.goto("/admin/jobs");
  const gc = page.getByTestId("job-row").filter({ hasText: "Garbage collection" }).first();
  await expect(gc).toContainText("succeeded");
  await expect(gc).toContainText(/Reclaimed .* \(\d+ files?\)/);
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("arca-theme", t), theme);
    await page.reload();
    await expect(gc).toContainText("succeeded");
    await page.screenshot({ path: `test-results/screens/admin-jobs-run-${theme}.png` });
  }
  await page.goto("/admin/users");
  await hydrated(page);
  const row = page.getByRole("row").filter({ hasText: "carol" });
  await row.getByRole("button", { name: "Delete user carol…" }).click();
  await row.getByRole("button", { name: "Delete carol" }).click();
  await expect(page.getByRole("row").filter({ hasText: "carol" })).toHaveCount(0);
  await context.close();
});

test.describe("a viewer", () => {
  test.use({ expectedHttpErrors: [403] });

  test("sees the demo version without edit controls, the cleanup page says what is needed, and a direct mutation is refused", async ({ browser }) => {
    const context = await signedIn(browser, "vera");
    const page = await context.newPage();
    await page.goto(PROJECT);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "mnist-pipeline" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Clean up" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);

    await page.goto(VERSION);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: /^classifier:v\d+$/ })).toBeVisible();
    await expect(page.getByLabel("Aliases")).toContainText("latest");
    await expect(page.getByRole("button", { name: "Edit description" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "+ Add alias" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove alias/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete…" })).toHaveCount(0);
    await page.goto(`${VERSION}?tab=metadata`);
    await expect(page.getByText("changing it needs the editor role")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add or change keys" })).toHaveCount(0);

    await page.goto(`${PROJECT}/cleanup`);
    await expect(page.getByText("You need the admin role on demo/mnist-pipeline to clean up")).toBeVisible();
    await expect(page.getByRole("button", { name: /preview/i })).toHaveCount(0);

    // The server decides, whatever the page shows.
    const res = await page.request.post("/api/trpc/versions.update", {
      headers: { origin: ACCOUNTS_URL },
      data: { entity: "demo", project: "mnist-pipeline", name: "classifier", version: "latest", change: { description: "vera was here" } },
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("viewer");
    await page.goto(VERSION);
    await expect(page.getByText("vera was here")).toHaveCount(0);
    await context.close();
  });
});

test("an editor edits but does not delete or clean up", async ({ browser }) => {
  const context = await signedIn(browser, "eddie");
  const page = await context.newPage();
  await page.goto(VERSION);
  await hydrated(page);
  await expect(page.getByRole("button", { name: "Edit description" })).toBeVisible();
  await expect(page.getByRole("button", { name: "+ Add alias" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete…" })).toHaveCount(0);
  await page.goto(PROJECT);
  await expect(page.getByRole("link", { name: "Drafts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Clean up" })).toHaveCount(0);
  await context.close();
});

test("a session signed out from another browser is refused at once; a forged cookie is refused", async ({ browser }) => {
  // Browser A signs in with the form.
  const a = await browser.newContext({ baseURL: ACCOUNTS_URL });
  const pageA = await a.newPage();
  await pageA.goto(`/sign-in?next=${encodeURIComponent(PROJECT)}`);
  await hydrated(pageA);
  await signInWithForm(pageA, "eddie", PASSWORDS.eddie);
  await expect(pageA).toHaveURL(`${ACCOUNTS_URL}${PROJECT}`);

  // Browser B (eddie's other session) signs A out on the sessions page.
  const b = await signedIn(browser, "eddie");
  const pageB = await b.newPage();
  await pageB.goto("/settings/sessions");
  await hydrated(pageB);
  const rows = pageB.getByRole("table", { name: "Sessions" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "this browser" })).toHaveCount(1);
  const other = rows.filter({ hasNotText: "this browser" });
  await other.getByRole("button", { name: "Sign out…" }).click();
  await other.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(rows).toHaveCount(1);

  await pageA.reload();
  await expect(pageA).toHaveURL(/\/sign-in/);
  await pageB.goto(PROJECT);
  await expect(pageB.getByRole("heading", { name: "mnist-pipeline" })).toBeVisible();

  // A cookie with a made-up token, and one whose signature does not match its token.
  const real = (await b.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(real).toBeTruthy();
  const [token = "", signature = ""] = decodeURIComponent(real!.value).split(".");
  for (const value of ["forged-token.forged-signature", `${token.slice(0, -2)}xx.${signature}`]) {
    const c = await browser.newContext({ baseURL: ACCOUNTS_URL });
    await c.addCookies([{ ...real!, value: encodeURIComponent(value) }]);
    const page = await c.newPage();
    await page.goto(PROJECT);
    await expect(page).toHaveURL(/\/sign-in/);
    await c.close();
  }
  await a.close();
  await b.close();
});

test("the user menu opens and closes from the keyboard, and signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: ACCOUNTS_URL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await hydrated(page);
  await signInWithForm(page, "vera", PASSWORDS.vera);
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  await hydrated(page);
  const menu = page.getByRole("button", { name: "vera" });
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("menuitem", { name: "API keys" })).toBeFocused();
  await expect(page.getByRole("menuitem", { name: "Users" })).toHaveCount(0); // not an instance admin
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Sessions" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  await menu.click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await page.goto(PROJECT);
  await expect(page).toHaveURL(/\/sign-in/);
  // The old cookie is dead on the server too, not just deleted from this browser.
  const replay = await browser.newContext({ baseURL: ACCOUNTS_URL });
  await replay.addCookies([cookie!]);
  const again = await replay.newPage();
  await again.goto(PROJECT);
  await expect(again).toHaveURL(/\/sign-in/);
  await replay.close();
  await context.close();
});
