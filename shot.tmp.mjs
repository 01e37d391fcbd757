import { chromium } from "@playwright/test";
const [,, url, out, theme = "light", width = "1400", height = "900"] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, colorScheme: theme });
page.on("console", (m) => m.type() === "error" && console.log("console:", m.text().slice(0, 300)));
await page.goto(url, { timeout: 120000 });
if (process.env.WAIT) await page.waitForSelector(process.env.WAIT, { timeout: 120000 }).catch((e) => console.log("wait failed", e.message));
await page.waitForTimeout(Number(process.env.DELAY ?? 3000));
if (process.env.CLICK) { await page.click(process.env.CLICK); await page.waitForTimeout(1500); }
if (process.env.EVAL) console.log(await page.evaluate(process.env.EVAL));
await page.screenshot({ path: out, ...(process.env.CLIP ? { clip: Object.fromEntries(["x","y","width","height"].map((k, i) => [k, Number(process.env.CLIP.split(",")[i])])) } : {}) });
await browser.close();
