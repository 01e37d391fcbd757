import type { Page } from "@playwright/test";

/**
 * Every kind of page reachable from the home page by following links: one URL per route shape
 * (`/:e/:p/artifacts/:name/:version?tab=files`), so a new page or tab is covered without editing a list.
 * Used by the accessibility and the narrow-screen specs (issue 14).
 */
const FIXED = new Set(["artifacts", "runs", "lineage", "cleanup", "drafts", "table", "compare", "settings", "admin", "teams", "keys", "sessions", "users", "audit", "sign-in"]);

/**
 * `/demo/mnist-pipeline/artifacts/model/v3?tab=files` → `/:x/:x/artifacts/:x/:x?tab=files`; null for non-page links.
 * An artifact's own page, its version overview and its table tab keep the artifact's name: they differ most
 * between artifacts (aliases, the Use panel, tables). Query keys count too (`compare` with or without `a`/`b`).
 */
export function pageShape(href: string, { perArtifact: keepArtifact = true }: { perArtifact?: boolean } = {}): string | null {
  const url = new URL(href, "http://x");
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/_next/")) return null;
  const tab = url.searchParams.get("tab");
  const parts = url.pathname.split("/").filter(Boolean);
  const perArtifact = keepArtifact && parts[2] === "artifacts" && parts[4] !== "compare" && (tab === null || tab === "table" || parts[5] === "table");
  const shape = parts.map((part, i) => (FIXED.has(part) || (i === 3 && perArtifact) ? part : ":x"));
  const keys = [...new Set(url.searchParams.keys())].filter((k) => k !== "tab").sort();
  return `/${shape.join("/")}${tab ? `?tab=${tab}` : ""}${keys.length ? ` [${keys.join(",")}]` : ""}`;
}

/** Waits for the page's data: no skeleton ("Loading …" status) left and the network quiet. */
export async function settle(page: Page) {
  await page.waitForLoadState("load");
  await page.locator("[role=status][aria-label^='Loading']").first().waitFor({ state: "detached", timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(150);
}

/**
 * Visits every kind of page once, breadth first from home, calling `visit` on each after it settled (so a check
 * needs no second pass); answers their URLs. `perArtifact: false` keeps one page per route shape only.
 */
export async function crawl(page: Page, options: { max?: number; perArtifact?: boolean; visit?: (url: string) => Promise<void> } = {}): Promise<string[]> {
  const { max = 60, perArtifact = true, visit } = options;
  const seen = new Map<string, string>([[pageShape("/")!, "/"]]);
  const queue = ["/"];
  while (queue.length > 0) {
    const url = queue.shift()!;
    await page.goto(url);
    await settle(page);
    await visit?.(url);
    if (seen.size >= max) continue;
    const hrefs = await page.locator("a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const shape = pageShape(href, { perArtifact });
      if (shape && !seen.has(shape) && seen.size < max) {
        seen.set(shape, href);
        queue.push(href);
      }
    }
  }
  return [...seen.values()];
}
