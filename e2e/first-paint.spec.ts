import { expect, test, type Page } from "@playwright/test";

/**
 * Issue 13: a page's first paint comes with its data, fetched on the server. Each page here is opened with
 * its script files blocked, so React never hydrates and nothing is fetched after load: what shows is what
 * the server's HTML (and its inline streaming) painted. No "Loading …" skeleton may be left in it.
 * The demo project (seeded by `npm start`) has every page kind needed.
 */
const demo = "/demo/mnist-pipeline";

async function openWithoutScripts(page: Page, url: string) {
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, (route) => route.abort());
  await page.goto(url, { waitUntil: "load" });
  await expect(page.locator("html")).not.toHaveAttribute("data-hydrated");
  await expect(page.locator("[role=status][aria-label^='Loading']")).toHaveCount(0);
}

test("the compare view paints the newest pair's summary and its changed files", async ({ page }) => {
  await openWithoutScripts(page, `${demo}/artifacts/mnist-processed/compare`);
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText("mnist-processed:v0");
  await expect(summary).toContainText("mnist-processed:v1");
  await expect(summary.getByText("Added files")).toBeVisible();
  await expect(page.getByRole("table", { name: "Changed files" })).toContainText("labels.json");
});

/** A small graph is laid out during the server's render: its nodes and edges are in the HTML, and the canvas is not busy. */
async function expectGraph(page: Page, nodes: string[]) {
  await expect(page.locator("[data-layout]")).toHaveAttribute("aria-busy", "false");
  for (const label of nodes) await expect(page.locator(".react-flow__node").filter({ hasText: label }).first()).toBeVisible();
  await expect(page.locator(".react-flow__edge").first()).toBeAttached();
}

test("a run page paints its lineage panel with the graph's data, not a skeleton", async ({ page }) => {
  await openWithoutScripts(page, `${demo}/runs/augment-0`);
  // The page's Lineage section holds the panel's own (aria-label "Lineage" too).
  const panel = page.getByRole("region", { name: "Lineage", exact: true }).last();
  await expect(panel).toContainText("Depth");
  await expect(panel).toContainText("Path from augment-0");
  await expectGraph(page, ["augment-0", "mnist-augmented:draft-45"]);
});

test("the lineage explorer and a version's Lineage tab paint their panel", async ({ page }) => {
  await openWithoutScripts(page, `${demo}/lineage?node=run:augment-0`);
  await expect(page.getByRole("region", { name: "Lineage", exact: true })).toContainText("Path from augment-0");
  await expectGraph(page, ["augment-0"]);
  await openWithoutScripts(page, `${demo}/artifacts/mnist-processed/v1?tab=lineage`);
  await expect(page.getByRole("region", { name: "Lineage", exact: true })).toContainText("Path from mnist-processed:v1");
  await expectGraph(page, ["mnist-processed:v1"]);
});

test("a version's Table tab paints its tables and opens the first", async ({ page }) => {
  await openWithoutScripts(page, `${demo}/artifacts/eval-predictions/v0?tab=table`);
  await expect(page.getByRole("list", { name: "Tables" })).toContainText("predictions.partitioned-table.json");
  await expect(page.getByText(/100,000 rows/)).toBeVisible();
});

test("a version's markdown description comes rendered from the server, and the page loads no markdown parser", async ({ page }) => {
  const scripts: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") scripts.push(r.text().catch(() => ""));
  });
  await page.goto(`${demo}/artifacts/mnist-processed/v1`);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated");
  await expect(page.getByRole("region", { name: "Description" }).getByRole("heading", { name: "MNIST, processed" })).toBeVisible();
  // The parser's own name is in its code: the description's markdown was not parsed in this browser.
  expect((await Promise.all(scripts)).filter((text) => text.includes("micromark"))).toHaveLength(0);

  await openWithoutScripts(page, `${demo}/artifacts/mnist-processed/v1`);
  await expect(page.getByRole("region", { name: "Description" }).getByRole("heading", { name: "MNIST, processed" })).toBeVisible();
});
