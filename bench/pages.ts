// First-visit page speed (issue 13): Arca as `npm start` runs it, with the demo project; headless Chromium
// visits one page of every route type reachable from home (the crawl of e2e/crawl.ts), each visit in a
// fresh browser context (no cache, like a first visit). "Content" is when the page's main region has
// text and no loading skeleton or busy region is left; "interactive" is when React has hydrated.
// Prints numbers, asserts nothing. Needs a build (`npm run bench` builds if needed) and /usr/bin/chromium.
import fs from "node:fs";
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
const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });

const contentShown = () => {
  const main = document.querySelector("main");
  if (!main || (main.textContent ?? "").trim().length === 0) return false;
  return !document.querySelector("[role=status][aria-label^='Loading'], [aria-busy=true]");
};

async function visit(url: string): Promise<{ content: number; interactive: number }> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(contentShown, undefined, { polling: "raf", timeout: 30_000 });
  const content = Date.now() - start;
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-hydrated"), undefined, { polling: "raf", timeout: 30_000 });
  const interactive = Date.now() - start;
  await context.close();
  return { content, interactive };
}

const crawler = await browser.newContext({ baseURL: base });
const urls = await crawl(await crawler.newPage(), { perArtifact: false });
await crawler.close();
for (const url of urls) await visit(url); // warm the server (first compile of each route's chunks)

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
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
await browser.close();
arca.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
