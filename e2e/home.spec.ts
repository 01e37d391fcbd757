import { expect, test } from "./fixtures";

test("home lists entities and projects with counts and last activity", async ({ page }) => {
  await page.goto("/");
  const entity = page.getByRole("region", { name: "Entity demo" });
  const card = entity.getByRole("link", { name: /demo \/ mnist-pipeline/ });
  await expect(card).toContainText("7 artifacts");
  await expect(card).toContainText("Last activity");
});

test("theme toggle switches to dark and back; its name is its visible label and its state is aria-pressed", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: "Dark theme", exact: true });
  const wasDark = await html.evaluate((el) => el.classList.contains("dark"));
  await expect(toggle).toHaveAttribute("aria-pressed", String(wasDark));
  await toggle.click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await expect(toggle).toHaveAttribute("aria-pressed", String(!wasDark));
});

test("a skip link is the first thing Tab reaches and moves focus to the page's content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("headings and digests use the bundled monospace font, not a system fallback", async ({ page }) => {
  await page.goto("/");
  // `load` resolves to the faces it loaded: none when the font is not bundled (it is served from /_next/static).
  const faces = await page.evaluate(async () => (await document.fonts.load('12px "JetBrains Mono Variable"', "v35")).length);
  expect(faces).toBeGreaterThan(0);
  const family = await page.evaluate(() => {
    const probe = document.createElement("span");
    probe.className = "font-mono";
    document.body.append(probe);
    return getComputedStyle(probe).fontFamily;
  });
  expect(family).toMatch(/^"JetBrains Mono Variable"/);
});
