import type { Page } from "@playwright/test";
import { routes } from "../lib/routes";
import { demo, demoApi, demoVersionId } from "./api-seed";
import { expect, test } from "./fixtures";

const api = demoApi;
const versionId = demoVersionId;

async function waitForGraph(page: Page) {
  await expect(page.locator("[data-layout]")).not.toHaveAttribute("data-layout", "pending");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  // A small graph is in the server's HTML before its canvas hydrates: clicks need the hydrated canvas.
  await expect(page.locator("[data-layout]")).toHaveAttribute("data-interactive", "true");
}

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

test("the path from raw-images to eval-summary, beyond the depth control's 6 hops, is listed, highlighted and in the URL", async ({ page, request }) => {
  const raw = await versionId(request, "raw-images", "v2");
  const summary = await versionId(request, "eval-summary", "v0");
  await page.goto(routes.lineage(demo, `version:${raw}`));
  await waitForGraph(page);
  await page.getByRole("combobox", { name: /Path from raw-images:v2 to/ }).fill("eval-summary:v0");
  await page.getByRole("button", { name: "Show path" }).click();
  await expect(page).toHaveURL(/to=eval-summary/);
  const found = page.getByRole("region", { name: "Found path" });
  await expect(found).toContainText(/^\d+ hops: eval-summary:v0 was made from raw-images:v2/);
  const hops = Number(/^(\d+) hops/.exec((await found.getByRole("status").textContent()) ?? "")?.[1]);
  expect(hops).toBeGreaterThan(6);
  const steps = found.getByRole("listitem");
  await expect(steps).toHaveCount(hops + 1);
  await expect(steps.first()).toHaveText("raw-images:v2");
  await expect(steps.last()).toContainText("eval-summary:v0");
  // The shortest data-flow route: the evaluation shards used mnist-processed directly (7 hops; via the checkpoints it is 11).
  await expect(steps.filter({ hasText: "mnist-processed:v1" })).toHaveCount(1);
  await expect(steps.filter({ hasText: "eval-predictions:" })).toHaveCount(1);
  // The whole path fits only below the minimum zoom: the view stops at 0.5, labels stay readable.
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.5 - 1e-6);
  // A step centres the graph on its node, drawn on the path, its incoming edge thick.
  await steps.last().getByRole("button").click();
  const end = page.locator(`.react-flow__node[data-id="version:${summary}"]`);
  await expect(end).toBeInViewport();
  await expect(end.locator(":scope > div")).toHaveClass(/border-accent/);
  await expect(page.locator(`.react-flow__edge[data-id$="->version:${summary}"] path`).first()).toHaveCSS("stroke-width", "2.5px");
  // Zooming out stops at the minimum.
  const zoomOut = page.getByRole("button", { name: "Zoom Out" });
  for (let i = 0; i < 8 && (await zoomOut.isEnabled()); i++) await zoomOut.click();
  await expect(zoomOut).toBeDisabled();
  await expect.poll(() => zoom(page)).toBeCloseTo(0.5, 2);
  // The URL alone brings the path back; Clear removes it.
  await page.reload();
  await expect(page.getByRole("region", { name: "Found path" })).toContainText(`${hops} hops`);
  await page.getByRole("button", { name: "Clear path" }).click();
  await expect(page).not.toHaveURL(/to=/);
  await expect(page.getByRole("region", { name: "Found path" })).toHaveCount(0);
});

test.describe("refusals", () => {
  test.use({ expectedHttpErrors: [404] });
  test("two nodes with no lineage between them: the path bar says so", async ({ page, request }) => {
    const name = `lonely-${Date.now().toString(36)}`;
    const ref = `s3://bucket/${name}.bin`;
    expect((await request.post(api(`/artifacts/${name}/log`), { data: { type: "dataset", entries: [{ path: "a.bin", ref, digest: ref, size: 1 }] } })).ok()).toBe(true);
    const classifier = await versionId(request, "classifier", "v0");
    await page.goto(routes.lineage(demo, `version:${classifier}`, { to: `${name}:v0` }));
    await waitForGraph(page);
    await expect(page.getByRole("alert").filter({ hasText: "no lineage path" })).toContainText(`no lineage path from version:${classifier} to ${name}:v0: neither was made from the other`);
  });
});

test("a selected node pins the path from the start to it", async ({ page, request }) => {
  const classifier = await versionId(request, "classifier", "v0");
  await page.goto(routes.lineage(demo, `version:${classifier}`));
  await waitForGraph(page);
  await page.locator('.react-flow__node[data-id="run:export-1"]').click();
  await page.getByRole("button", { name: "Path from the start to here" }).click();
  await expect(page).toHaveURL(/to=run%3Aexport-1|to=run:export-1/);
  await expect(page.getByRole("region", { name: "Found path" })).toContainText(/1 hop: classifier:v0 was made from .*export-1/);
});

test("a wide fan is folded to 8 by default and unfolds on click", async ({ page }) => {
  // train-cnn-1 logged 36 checkpoints.
  await page.goto(routes.lineage(demo, "run:train-cnn-1", { depth: 1 }));
  await waitForGraph(page);
  const cluster = page.locator(".react-flow__node-cluster");
  await expect(cluster).toHaveCount(1);
  await expect(cluster).toContainText("28 more versions of checkpoints");
  await expect(page.locator(".react-flow__node-version")).toHaveCount(8 + 1); // + the dataset it used
  await cluster.getByRole("button", { name: "Show 28 more versions of checkpoints" }).click();
  await expect(page.locator(".react-flow__node-cluster")).toHaveCount(0);
  await expect(page.locator("[data-node-count]")).toHaveAttribute("data-node-count", String(1 + 36 + 1));
});
