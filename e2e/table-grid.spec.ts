import { routes } from "../lib/routes";
import { expect, test } from "./fixtures";

// Issue 14, item 8: the demo's prediction table (100,000 rows, an `id` column from 0, digit images).
const demoTable = routes.table({ entity: "demo", project: "mnist-pipeline" }, "eval-predictions", "v0", "predictions.partitioned-table.json");

test.use({ viewport: { width: 1600, height: 900 } });

async function openGrid(page: import("@playwright/test").Page, url = demoTable) {
  await page.goto(url);
  const grid = page.getByRole("table", { name: "Table predictions.partitioned-table.json" });
  await expect(grid.getByRole("button", { name: "Open row 1", exact: true })).toBeVisible({ timeout: 30_000 });
  return grid;
}

const widthOf = (locator: import("@playwright/test").Locator) => locator.evaluate((el) => el.getBoundingClientRect().width);

test("columns fill the window and resize with the mouse and the keyboard", async ({ page }) => {
  const grid = await openGrid(page);
  // Wider than the layout's reading width (1280 px): the grid has the window.
  const scroller = grid.locator("xpath=..");
  await expect.poll(() => widthOf(grid)).toBeGreaterThan(1500);
  const inner = await scroller.evaluate((el) => el.clientWidth);
  expect(Math.abs((await widthOf(grid)) - inner)).toBeLessThanOrEqual(8);

  const label = grid.getByRole("columnheader", { name: /^label/ });
  const before = await widthOf(label);
  const handle = grid.getByRole("separator", { name: "Resize label" });
  await handle.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => widthOf(label)).toBeCloseTo(before + 40, 0);

  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + 10, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => widthOf(label)).toBeGreaterThan(before + 140);
  // The grid still fills the window: the other columns gave up the width.
  expect(Math.abs((await widthOf(grid)) - inner)).toBeLessThanOrEqual(8);
});

test("the filter starts on a string column; numbers suggest a range", async ({ page }) => {
  await openGrid(page);
  await expect(page.getByLabel("Filter column")).toHaveValue("label");
  await expect(page.getByLabel("Filter operator")).toHaveValue("contains");
  await page.getByLabel("Filter column").selectOption("confidence");
  await expect(page.getByLabel("Filter operator")).toHaveValue("range");
  await expect(page.getByLabel("Minimum")).toBeVisible();
});

test("column summaries cover the whole table, filter on a click, and can be hidden", async ({ page }) => {
  const grid = await openGrid(page);
  // The id histogram runs to 99,999: all 100,000 rows, not the 50 on this page.
  const idHistogram = grid.getByRole("img", { name: "id: histogram of 20 bins from 0 to 99,999" });
  await expect(idHistogram).toBeVisible({ timeout: 30_000 });
  await expect(grid.getByRole("img", { name: /^confidence: histogram of 20 bins from 0\.5 to 1$/ })).toBeVisible();
  const label = grid.getByRole("columnheader", { name: /^label/ });
  await expect(label).toContainText("+7 more values");
  await expect(label).toContainText("no nulls");
  await expect(grid.getByRole("columnheader", { name: /^correct/ })).toContainText(/true\s*9\d\.\d%/);
  await expect(grid.getByRole("columnheader", { name: /^image/ })).toContainText("files");

  // A top value is a filter.
  const seven = label.getByRole("button", { name: /^seven/ });
  await seven.click();
  await expect(page.getByText("label equals “seven”")).toBeVisible();
  await expect(page.getByText(/· [\d,]+ matching rows/)).toBeVisible();

  await page.getByRole("button", { name: "Column summaries" }).click();
  await expect(page).toHaveURL(/summary=false/);
  await expect(idHistogram).toBeHidden();
  await page.reload();
  await expect(page.getByRole("button", { name: "Column summaries" })).toHaveAttribute("aria-pressed", "false");
  await expect(idHistogram).toBeHidden();
});

test("the row drawer steps through rows in the grid's order, across pages", async ({ page }) => {
  const grid = await openGrid(page);
  await grid.getByRole("button", { name: "Open row 1", exact: true }).click();
  const drawer = (n: number) => page.getByRole("dialog", { name: `Row ${n}` });
  await expect(drawer(1)).toBeVisible();
  await expect(drawer(1)).toContainText("id 0");
  await expect(drawer(1).getByRole("button", { name: "Previous" })).toBeDisabled();

  await page.keyboard.press("j");
  await expect(drawer(2)).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(drawer(3)).toBeVisible();
  await page.keyboard.press("k");
  await expect(drawer(2)).toBeVisible();
  await drawer(2).getByRole("button", { name: "Previous" }).click();
  await expect(drawer(1)).toBeVisible();
  await expect(page).toHaveURL(/row=0/);

  // The last row of page 1 (opened by its link: the grid only renders rows in view), then Next: the first row of page 2.
  await page.keyboard.press("Escape");
  await page.goto(`${demoTable}&row=49`);
  await drawer(50).getByRole("button", { name: "Next" }).click();
  await expect(drawer(51)).toBeVisible();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2 of 2,000")).toBeVisible();
  await page.keyboard.press("ArrowUp");
  await expect(drawer(50)).toBeVisible();
  await expect(page.getByText("Page 1 of 2,000")).toBeVisible();
  await page.keyboard.press("Escape");

  // Sorted by confidence, descending: next is the next row shown, not the next row number.
  await grid.getByRole("button", { name: "confidence" }).click();
  await grid.getByRole("button", { name: "confidence" }).click();
  await expect(grid.getByRole("columnheader", { name: /confidence/ })).toHaveAttribute("aria-sort", "descending");
  // The ascending page stays on screen while the descending one loads (keepPreviousData), and the grid is
  // virtualized: wait for it to settle and name rows by their position (aria-rowindex 2 is the page's first).
  await expect(grid.locator("xpath=..")).toHaveAttribute("aria-busy", "false");
  const openAt = (position: number) => grid.locator(`[role="row"][aria-rowindex="${position + 1}"]`).getByRole("button", { name: /^Open row \d+$/ });
  await expect(openAt(1)).not.toHaveAttribute("aria-label", "Open row 1");
  const rowName = async (position: number) => (await openAt(position).getAttribute("aria-label"))!.replace("Open r", "R");
  const [first, second] = [await rowName(1), await rowName(2)];
  await openAt(1).click();
  await expect(page.getByRole("dialog", { name: first, exact: true })).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByRole("dialog", { name: second, exact: true })).toBeVisible();
  await expect(grid.locator('[role="row"][aria-current="true"]')).toHaveCount(1);
});

test("image cells show the digit thumbnails; the row column does not number rows beside id", async ({ page }) => {
  const grid = await openGrid(page);
  const thumbnail = grid.getByRole("row").nth(1).getByRole("img");
  await expect(thumbnail).toHaveAttribute("src", /media\/images\/digit_\d\.png/);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(28);
  const rowColumn = grid.getByRole("columnheader").first();
  await expect(rowColumn).toHaveText("Open");
  // The first cell holds only the open button (an icon), so "1" never sits next to id 0.
  await expect(grid.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("");
});
