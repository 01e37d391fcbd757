import { expect, test } from "./fixtures";

/** Issue 14, item 2: ⌘K / Ctrl+K and "/" open a palette over pages, projects, artifacts, aliases and runs. */
test("Ctrl+K finds an alias and says which version holds it; Enter opens that version", async ({ page }) => {
  await page.goto("/demo/mnist-pipeline");
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Search everywhere" });
  const input = palette.getByRole("combobox");
  await expect(input).toBeFocused();
  await input.fill("best");
  const option = palette.getByRole("option", { name: /best → checkpoints:v\d+/ });
  await expect(option).toBeVisible();
  const label = (await option.textContent()) ?? "";
  const version = /checkpoints:(v\d+)/.exec(label)![1]!;
  // Walk to it with the arrow keys (aliases come after pages, projects and artifacts) and open it with Enter.
  for (let i = 0; i < 20 && (await option.getAttribute("aria-selected")) !== "true"; i++) await input.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await input.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/demo/mnist-pipeline/artifacts/checkpoints/${version}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`checkpoints:${version}`);
  await expect(palette).toBeHidden();
});

test("'/' opens the palette outside text fields only; it finds runs, artifacts and pages; Escape closes it", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  const palette = page.getByRole("dialog", { name: "Search everywhere" });
  const input = palette.getByRole("combobox");
  await expect(input).toBeFocused();
  await input.fill("train");
  await expect(palette.getByRole("group", { name: "Runs" }).getByRole("option").first()).toBeVisible();
  await input.fill("raw-images");
  await expect(palette.getByRole("group", { name: "Artifacts" }).getByRole("option", { name: /raw-images/ })).toBeVisible();
  await input.fill("zzz-no-such-thing");
  await expect(palette.getByRole("status")).toHaveText(/Nothing matches “zzz-no-such-thing”/);
  await input.press("Escape");
  await expect(palette).toBeHidden();

  // In a text field "/" is a character.
  await page.goto("/demo/mnist-pipeline");
  const filter = page.getByRole("searchbox").first();
  await filter.click();
  await page.keyboard.press("/");
  await expect(palette).toBeHidden();
  await expect(filter).toHaveValue("/");

  // Pages by name: the current project's drafts.
  await page.locator("h1").first().click();
  await page.keyboard.press("/");
  await input.fill("drafts");
  await palette.getByRole("option", { name: /Drafts/ }).first().click();
  await expect(page).toHaveURL(/\/demo\/mnist-pipeline\/drafts$/);
});
