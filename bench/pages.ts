// First-visit page speed (issue 13): Arca as `npm start` runs it, with the demo project; headless Chromium
// visits one page of every route type reachable from home (the crawl of e2e/crawl.ts), each visit in a
// fresh browser context (no cache, like a first visit). "Content" is when the page's main region has
// text and no loading skeleton or busy region is left; "interactive" is when React has hydrated. The
// floor is the same visit to a bare server's one-paragraph page: what this machine's browser takes at least.
// Then one breakdown per route type (`DETAIL=0` skips it): server time to first byte and HTML size, whether
// the server's HTML alone (no script files, so no hydration) already shows the content, the JavaScript the route loads, and
// DOMContentLoaded / first contentful paint / content / hydrated from navigation start (medians of 3 visits).
// Prints numbers, asserts nothing. Needs a build (`npm run bench` builds if needed) and /usr/bin/chromium.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { crawl } from "../e2e/crawl";
import { startServer } from "./lib.mjs";

const VISITS = Number(process.env.VISITS ?? 8);
const PORT = 3981;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-pages-"));
const arca = await startServer({ port: PORT, dataDir, env: { ARCA_DEMO: "1" }, asNpmStart: true });
const base = `http://127.0.0.1:${PORT}`;
const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
let browser: Browser = await launch();

const contentShown = () => {
  const main = document.querySelector("main");
  if (!main || (main.textContent ?? "").trim().length === 0) return false;
  return !document.querySelector("[role=status][aria-label^='Loading'], [aria-busy=true]");
};

async function visit(url: string, { hydrates = true } = {}): Promise<{ content: number; interactive: number }> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(contentShown, undefined, { polling: "raf", timeout: 30_000 });
  const content = Date.now() - start;
  if (hydrates) await page.waitForFunction(() => document.documentElement.hasAttribute("data-hydrated"), undefined, { polling: "raf", timeout: 30_000 });
  const interactive = Date.now() - start;
  await context.close();
  return { content, interactive };
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
// A failed visit must not leave the server running (it is in its own process group) on the next run's port.
try {
  const crawler = await browser.newContext({ baseURL: base });
  // ONLY=lineage,compare: just the route types whose URL contains one of these (for a focused look).
  const only = process.env.ONLY?.split(",").filter(Boolean);
  const urls = (await crawl(await crawler.newPage(), { perArtifact: false })).filter((u) => !only || only.some((o) => u.includes(o)));
  await crawler.close();
  for (const url of urls) await visit(url); // warm the server (first compile of each route's chunks)

  const all: number[] = [];
  console.log(`# first visits (${os.cpus().length} cores, load ${(os.loadavg()[0] ?? 0).toFixed(1)}): ${urls.length} route types, ${VISITS} visits each, fresh browser context per visit`);
  for (const url of urls) {
    const samples: { content: number; interactive: number }[] = [];
    for (let i = 0; i < VISITS; i++) samples.push(await visit(url));
    const content = samples.map((s) => s.content);
    all.push(...content);
    const interactive = samples.map((s) => s.interactive);
    console.log(`${url.slice(0, 64).padEnd(64)} content p50 ${String(pct(content, 50)).padStart(5)} ms p95 ${String(pct(content, 95)).padStart(5)} ms | interactive p50 ${String(pct(interactive, 50)).padStart(5)} ms`);
  }
  console.log(`\nall pages: content p50 ${pct(all, 50)} ms, p95 ${pct(all, 95)} ms (target p95 <= 500 ms)`);
  const floor = await bareVisits(VISITS * 2);
  console.log(`floor: a bare node:http page (one <main> paragraph, no CSS or script), the same visits: content p50 ${pct(floor, 50)} ms, p95 ${pct(floor, 95)} ms`);
  console.log(`ratio to the floor: p50 ${(pct(all, 50) / pct(floor, 50)).toFixed(2)}x, p95 ${(pct(all, 95) / pct(floor, 95)).toFixed(2)}x`);
  if (process.env.DETAIL !== "0") await breakdown(urls);
} finally {
  await browser.close().catch(() => {});
  await arca.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * What this machine and browser take for a first visit to a page with nothing in it: a fresh context, its
 * renderer, one tiny HTML answer from a bare server on loopback. Arca's pages cannot paint before this.
 */
async function bareVisits(count: number): Promise<number[]> {
  const html = "<!doctype html><html><head><title>floor</title></head><body><main><p>Projects</p></main></body></html>";
  const bare = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const { port } = bare.address() as AddressInfo;
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) times.push((await visit(`http://127.0.0.1:${port}/`, { hydrates: false })).content);
  } finally {
    bare.close();
  }
  return times;
}

/** Where a first visit's time goes, per route type (see the header). */
async function breakdown(urls: string[]) {
  console.log(`\n# breakdown (load ${(os.loadavg()[0] ?? 0).toFixed(1)}), medians of 3: ttfb / html ms / html KB = a plain fetch of the page (headers, whole body); html content = content shown before any script file runs (never hydrated); js = script bytes (uncompressed)`);
  console.log(`${"route".padEnd(64)}  ttfb  html ms  html KB  html content  js KB  scripts   dcl   fcp  content  hydrated`);
  for (const url of urls) {
    // A browser lost to the shared machine (it happened at load 15) costs one row, not the whole breakdown.
    if (!browser.isConnected()) browser = await launch();
    try {
      await breakdownRow(url);
    } catch (error) {
      console.log(`${url.slice(0, 64).padEnd(64)} failed: ${String(error).split("\n")[0]}`);
    }
  }
}

async function breakdownRow(url: string) {
  const kb = (n: number) => `${Math.round(n / 1024)}`.padStart(5);
  const ms = (n: number) => `${Math.round(n)}`.padStart(5);
  const rows: { ttfb: number; htmlDone: number; html: number; js: number; scripts: number; dcl: number; fcp: number; content: number; hydrated: number }[] = [];
  let htmlContent = false;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const res = await fetch(base + url);
    const ttfb = performance.now() - start;
    const html = (await res.text()).length;
    const htmlDone = performance.now() - start;

    // The page without its script files: the HTML and its inline streaming scripts only, so React never hydrates.
    const noJs = await browser.newContext({ baseURL: base });
    await noJs.route(/\/_next\/static\/.*\.js(\?|$)/, (route) => route.abort());
    const bare = await noJs.newPage();
    await bare.goto(url, { waitUntil: "load" });
    htmlContent = await bare.evaluate(contentShown);
    await noJs.close();

    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r.body().then((b) => b.length, () => 0));
    });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(contentShown, undefined, { polling: "raf", timeout: 30_000 });
    const content = Date.now() - t0;
    await page.waitForFunction(() => document.documentElement.hasAttribute("data-hydrated"), undefined, { polling: "raf", timeout: 30_000 });
    const hydrated = Date.now() - t0;
    await page.waitForLoadState("load");
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      return { dcl: nav?.domContentLoadedEventEnd ?? NaN, fcp: fcp?.startTime ?? NaN };
    });
    const sizes = await Promise.all(scripts);
    rows.push({ ttfb, htmlDone, html, js: sizes.reduce((a, b) => a + b, 0), scripts: sizes.length, ...timing, content, hydrated });
    await context.close();
  }
  const med = (k: keyof (typeof rows)[number]) => pct(rows.map((r) => r[k]), 50);
  console.log(
    `${url.slice(0, 64).padEnd(64)} ${ms(med("ttfb"))}    ${ms(med("htmlDone"))}  ${kb(med("html"))}    ${(htmlContent ? "yes" : "no").padStart(9)}  ${kb(med("js"))}  ${String(med("scripts")).padStart(7)} ${ms(med("dcl"))} ${ms(med("fcp"))}    ${ms(med("content"))}     ${ms(med("hydrated"))}`,
  );
}
