import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { crawl, settle } from "./crawl";
import { expect, test } from "./fixtures";
import { createRun, logRefVersion, NS } from "./seed";

/**
 * Issue 14, item 10: axe finds no serious or critical WCAG 2.0/2.1 A/AA violation on any page reachable
 * from the home page (demo data), in the light and the dark theme.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

// The light pass crawls (one page per route shape: the per-artifact variants share their components) and checks
// each page as it goes; the dark pass revisits the same list. The file's tests run in one worker, in order.
let crawled: string[] = [];

for (const theme of ["light", "dark"] as const) {
  test(`axe: no serious or critical violation on any page, ${theme} theme`, async ({ page }) => {
    // axe takes a few seconds per page on a loaded 2-core machine.
    test.setTimeout(900_000);
    await page.addInitScript((t) => localStorage.setItem("arca-theme", t), theme);
    const found: string[] = [];
    const check = async (url: string) => {
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      for (const v of await seriousViolations(page)) found.push(`${url}: ${v}`);
    };
    if (crawled.length === 0) crawled = await crawl(page, { perArtifact: false, visit: check });
    else {
      for (const url of crawled) {
        await page.goto(url);
        await settle(page);
        await check(url);
      }
    }
    // Home, project (artifacts, runs), collection, every version tab, table, compare, run, lineage, cleanup, drafts.
    expect(crawled.length).toBeGreaterThanOrEqual(14);
    console.log(`axe ${theme}: ${crawled.length} pages, ${found.length} serious/critical violations\n${found.join("\n")}`);
    expect(found).toEqual([]);
  });
}

test("axe: a deleted version in the lineage graph keeps readable contrast in both themes", async ({ page, request }) => {
  // The demo has no deleted version, so the crawl never draws one: seed one (a run's output, then deleted).
  await createRun(request, "a11y-run");
  await logRefVersion(request, "a11y-deleted", 0, { runId: "a11y-run" });
  await logRefVersion(request, "a11y-deleted", 1, { runId: "a11y-run" });
  const res = await request.delete(`/api/v1/projects/${NS.entity}/${NS.project}/artifacts/a11y-deleted/versions/v0?deleteAliases=true`);
  expect(res.ok(), await res.text()).toBeTruthy();
  for (const theme of ["light", "dark"] as const) {
    await page.addInitScript((t) => localStorage.setItem("arca-theme", t), theme);
    await page.goto(`/${NS.entity}/${NS.project}/lineage?node=run%3Aa11y-run`);
    await expect(page.locator(".react-flow__node").filter({ hasText: "a11y-deleted:v0" })).toBeVisible();
    expect(await seriousViolations(page), theme).toEqual([]);
  }
});
