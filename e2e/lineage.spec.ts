import type { Locator, Page } from "@playwright/test";
import { routes } from "../lib/routes";
import { demo, demoApi, demoVersionId } from "./api-seed";
import { expect, test } from "./fixtures";

const api = demoApi;
const versionId = demoVersionId;

const graphNode = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Waits for the laid-out graph (worker or fallback) rather than for the first paint of an empty canvas. */
async function waitForGraph(page: Page) {
  await expect(page.locator("[data-layout]")).not.toHaveAttribute("data-layout", "pending");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  // A small graph is in the server's HTML before its canvas hydrates: clicks need the hydrated canvas.
  await expect(page.locator("[data-layout]")).toHaveAttribute("data-interactive", "true");
}

test("the demo chain raw → processed → model → evaluation reads left to right", async ({ page, request }) => {
  const best = await versionId(request, "checkpoints", "best");
  // Open lineage from a version: the version page's Lineage tab.
  await page.goto(routes.version(demo, "checkpoints", "best"));
  await page.getByRole("link", { name: "Lineage" }).click();
  await expect(page).toHaveURL(/tab=lineage/);
  await waitForGraph(page);
  // Deeper than the default 2 hops, to see the whole chain; depth lives in the URL.
  await page.goto(routes.version(demo, "checkpoints", "best", { tab: "lineage", depth: 6 }));
  await waitForGraph(page);
  const chain: [string, number][] = [];
  for (const [name, v] of [["raw-images", "v2"], ["mnist-processed", "v0"], ["mnist-processed", "v1"], ["checkpoints", "v35"], ["classifier", "v0"], ["eval-predictions", "v0"], ["eval-summary", "v0"]] as const) {
    chain.push([`${name}:${v}`, await versionId(request, name, v)]);
  }
  // At the minimum readable zoom (0.5) six hops each way are wider than the window, and off-screen
  // nodes are not rendered: find each one (the search centres on it) and read its flow position.
  const xs: number[] = [];
  for (const [label, id] of chain) {
    await page.getByRole("combobox", { name: "Find a node in the graph" }).fill(label);
    await page.getByRole("combobox", { name: "Find a node in the graph" }).press("Enter");
    const node = graphNode(page, `version:${id}`);
    await expect(node).toBeInViewport();
    await expect(node).toContainText(label);
    xs.push(await node.evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).e));
    // the patch edge v0 → v1, drawn while v1 is in view
    if (label === "mnist-processed:v1") await expect(page.locator(`.react-flow__edge[data-id="patched:version:${chain[1]![1]}->version:${id}"]`)).toHaveCount(1);
  }
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  expect(new Set(xs).size).toBe(xs.length);
  expect(chain[3]![1]).toBe(best);
});

test("a run that used more versions than the cap shows a cluster that expands on click", async ({ page, request }) => {
  const runId = `sweep-${Date.now().toString(36)}`;
  const name = `sweep-ckpt-${Date.now().toString(36)}`;
  expect((await request.post(api("/runs"), { data: { id: runId, jobType: "sweep" } })).ok()).toBe(true);
  for (let i = 0; i < 40; i++) {
    const ref = `s3://bucket/${name}/${i}.pt`;
    const logged = await request.post(api(`/artifacts/${name}/log`), { data: { type: "model", entries: [{ path: "model.pt", ref, digest: ref, size: 0 }] } });
    expect(logged.ok()).toBe(true);
    expect((await request.post(api("/use"), { data: { ref: `${name}:v${i}`, runId } })).ok()).toBe(true);
  }
  await page.goto(routes.lineage(demo, `run:${runId}`, { depth: 1 }));
  await waitForGraph(page);
  const cluster = page.locator(".react-flow__node-cluster");
  await expect(cluster).toHaveCount(1);
  // Folded to 8 by default (fanout in the URL raises it); one click unfolds the rest, 50 at a time.
  await expect(cluster).toContainText(`32 more versions of ${name}`);
  await expect(page.locator(".react-flow__node-version")).toHaveCount(8);
  await cluster.getByRole("button", { name: `Show 32 more versions of ${name}` }).click();
  await expect(page.locator(".react-flow__node-cluster")).toHaveCount(0);
  await expect(page.locator("[data-node-count]")).toHaveAttribute("data-node-count", "41");
  // Collapsing the run's upstream hides all 40 again; expanding brings them back without a refetch.
  await page.getByRole("button", { name: `Collapse upstream of ${runId}` }).click();
  await expect(page.locator("[data-node-count]")).toHaveAttribute("data-node-count", "1");
  await page.getByRole("button", { name: `Expand upstream of ${runId}` }).click();
  await expect(page.locator("[data-node-count]")).toHaveAttribute("data-node-count", "41");
});

test("search centres on a node, selects it and highlights its path to the start", async ({ page, request }) => {
  const classifier = await versionId(request, "classifier", "v0");
  await page.goto(routes.lineage(demo, `version:${classifier}`));
  await waitForGraph(page);
  const search = page.getByRole("combobox", { name: "Find a node in the graph" });
  await search.fill("export");
  await expect(page.getByRole("option", { name: /export-1/ })).toBeVisible();
  await search.press("Enter");
  await expect(page).toHaveURL(/sel=run%3Aexport-1|sel=run:export-1/);
  await expect(graphNode(page, "run:export-1")).toHaveClass(/selected/);
  await expect(page.getByText("1 hop from the start")).toBeVisible();
  await expect(page.locator(`.react-flow__edge[data-id="logged:run:export-1->version:${classifier}"] path`).first()).toHaveCSS("stroke-width", "2.5px");
});

test("click-through from a node opens its page, and a node can become the start", async ({ page, request }) => {
  const classifier = await versionId(request, "classifier", "v0");
  await page.goto(routes.lineage(demo, `version:${classifier}`));
  await waitForGraph(page);
  await graphNode(page, "run:export-1").click();
  await page.getByRole("link", { name: "Explore from here" }).click();
  await expect(page).toHaveURL(/node=run%3Aexport-1/);
  await waitForGraph(page);
  await expect(graphNode(page, "run:export-1")).toContainText("export-1");
  await graphNode(page, "run:export-1").getByRole("link", { name: "export-1" }).click();
  await expect(page).toHaveURL(routes.run(demo, "export-1"));
});

test("an unknown node says so", async ({ page }) => {
  await page.goto(routes.lineage(demo, "run:no-such-run"));
  await expect(page.getByRole("alert").filter({ hasText: "Something went wrong" })).toContainText("run no-such-run does not exist in demo/mnist-pipeline");
});
