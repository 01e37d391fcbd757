import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Issue 14, item 10: axe finds no serious or critical WCAG 2.0/2.1 A/AA violation on any page reachable
 * from the home page (demo data), in the light and the dark theme. The crawl follows same-origin links
 * and visits one page of each kind (route shape + tab), so a new page or tab is checked without editing this list.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const MAX_PAGES = 60;

/** `/demo/mnist-pipeline/artifacts/model/v3?tab=files` → `/:e/:p/artifacts/:name/:version?tab=files`. */
export function pageShape(href: string): string | null {
  const url = new URL(href, "http://x");
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/_next/")) return null;
  const parts = url.pathname.split("/").filter(Boolean);
  const fixed = new Set(["artifacts", "runs", "lineage", "cleanup", "drafts", "table", "compare", "settings", "admin", "teams", "keys", "sessions", "users", "audit"]);
  const shape = parts.map((part, i) => (fixed.has(part) || (i === 0 && (part === "settings" || part === "admin")) ? part : ":x"));
  const tab = url.searchParams.get("tab");
  return `/${shape.join("/")}${tab ? `?tab=${tab}` : ""}`;
}

async function crawl(page: Page): Promise<string[]> {
  const seen = new Map<string, string>();
  const queue = ["/"];
  seen.set(pageShape("/")!, "/");
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const url = queue.shift()!;
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const hrefs = await page.locator("a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const shape = pageShape(href);
      if (shape && !seen.has(shape)) {
        seen.set(shape, href);
        queue.push(href);
      }
    }
  }
  return [...seen.values()];
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("axe: no serious or critical violations on any page, light and dark", async ({ page }) => {
  test.setTimeout(600_000);
  const pages = await crawl(page);
  // The demo reaches at least home, project, collection, version tabs, compare, runs, lineage, cleanup, drafts.
  expect(pages.length).toBeGreaterThan(12);
  const found: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await page.addInitScript((t) => localStorage.setItem("arca-theme", t), theme);
    for (const url of pages) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      for (const v of await seriousViolations(page)) found.push(`[${theme}] ${url}: ${v}`);
    }
  }
  console.log(`axe: ${pages.length} pages × 2 themes, ${found.length} serious/critical violations`);
  expect(found).toEqual([]);
});
