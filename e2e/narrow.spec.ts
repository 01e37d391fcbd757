import { crawl } from "./crawl";
import { expect, test } from "./fixtures";

/** Issue 14, item 5: at 390 px (a phone) no page scrolls sideways, and the version tabs and lineage stay usable. */
test.use({ viewport: { width: 390, height: 844 } });

test("no page reachable from home scrolls sideways at 390 px", async ({ page }) => {
  test.setTimeout(600_000);
  const wide: string[] = [];
  const pages = await crawl(page, {
    visit: async (url) => {
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) wide.push(`${url}: ${scroll}px wide in a ${client}px window`);
    },
  });
  expect(pages.length).toBeGreaterThanOrEqual(14);
  expect(wide).toEqual([]);
});

test("every version tab is on screen at 390 px, and the lineage view fits without its minimap", async ({ page }) => {
  await page.goto("/demo/mnist-pipeline/artifacts/checkpoints/best");
  const tabs = page.getByRole("navigation", { name: "Version sections" });
  for (const name of ["Overview", "Metadata", "Files", "History", "Lineage", "Table"]) await expect(tabs.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });
  await tabs.getByRole("link", { name: "Lineage", exact: true }).click();
  const canvas = page.locator(".react-flow");
  await expect(canvas.locator(".react-flow__node").first()).toBeVisible();
  await expect(page.getByLabel("Lineage minimap")).toBeHidden();
  const box = await canvas.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
});
