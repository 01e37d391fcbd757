import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { routes } from "../lib/routes";
import { expect, test } from "./fixtures";

const demo = { entity: "demo", project: "mnist-pipeline" };
const demoTable = routes.table(demo, "eval-predictions", "v0", "predictions.partitioned-table.json");
// A 1×1 PNG, so the thumbnail has real bytes to decode.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function logDir(baseURL: string, dir: string, name: string) {
  execFileSync(process.execPath, ["cli/bin.mjs", "log", dir, "--name", name, "--type", "evaluation", "--json"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ARCA_BASE_URL: baseURL, ARCA_ENTITY: "e2e", ARCA_PROJECT: "tables" },
  });
}

function write(dir: string, file: string, content: string | Buffer) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
}

async function columnValues(page: import("@playwright/test").Page, column: number): Promise<string[]> {
  const rows = page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");
  return rows.evaluateAll((els, i) => els.map((el) => el.querySelectorAll('[role="cell"]')[i]?.textContent?.replace(/copy$/, "") ?? ""), column);
}

test("the demo partitioned table: last page, sort, filter, open a row", async ({ page }) => {
  await page.goto(demoTable);
  const grid = page.getByRole("table", { name: "Table predictions.partitioned-table.json" });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("100,000 rows · 7 columns · 10 parts")).toBeVisible();
  await expect(page.getByText("Page 1 of 2,000")).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: /confidence/ })).toContainText("float");

  await page.getByRole("button", { name: "Last page" }).click();
  await expect(page.getByText("Page 2,000 of 2,000")).toBeVisible();
  await expect(page).toHaveURL(/page=2000/);
  await expect(grid.getByRole("button", { name: "Open row 99951" })).toBeVisible();

  // Sorting starts again at page 1; descending puts the highest confidence first.
  await grid.getByRole("button", { name: "confidence" }).click();
  await expect(page).toHaveURL(/sort=confidence/);
  await expect(page.getByText("Page 1 of 2,000")).toBeVisible();
  await grid.getByRole("button", { name: "confidence" }).click();
  await expect(grid.getByRole("columnheader", { name: /confidence/ })).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/order=desc/);
  await expect(async () => {
    const values = (await columnValues(page, 5)).slice(0, 20).map(Number);
    expect(values.length).toBe(20);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBeGreaterThan(0.99);
  }).toPass();

  await page.getByLabel("Filter column").selectOption("label");
  await page.getByLabel("Filter operator").selectOption("eq");
  await page.getByLabel("Filter value").fill("seven");
  await page.getByRole("button", { name: "Add filter" }).click();
  await expect(page.getByText(/label equals “seven”/)).toBeVisible();
  await expect(page.getByText(/· [\d,]+ matching rows/)).toBeVisible();
  await expect(async () => {
    const labels = await columnValues(page, 3);
    expect(labels.length).toBeGreaterThan(10);
    expect(new Set(labels)).toEqual(new Set(["seven"]));
  }).toPass();

  const firstRow = grid.getByRole("button", { name: /^Open row \d+$/ }).first();
  const label = (await firstRow.getAttribute("aria-label"))!.replace("Open ", "");
  await firstRow.click();
  const detail = page.getByRole("dialog", { name: new RegExp(`^${label}`, "i") });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText("seven");
  await expect(detail).toContainText(/parts\/table_\d+\.table\.json, row/);
  await expect(page).toHaveURL(/row=\d+/);
  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();

  // The whole view is in the URL: reloading shows the same page.
  await page.reload();
  await expect(page.getByText(/label equals “seven”/)).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: /confidence/ })).toHaveAttribute("aria-sort", "descending");
});

test("a malformed part is named with its position; image cells show thumbnails", async ({ page, baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-e2e-tables-"));
  write(dir, "broken.partitioned-table.json", JSON.stringify({ _type: "partitioned-table", parts_path: "parts" }));
  write(dir, "parts/table_1.table.json", JSON.stringify({ _type: "table", columns: ["a", "b"], data: [[1, "x"]] }));
  write(dir, "parts/table_2.table.json", '{"_type": "table", "columns": ["a", "b"],\n "data": [[2, "y"],, [3, "z"]]}');
  write(dir, "media/cat.png", PNG);
  write(dir, "images.table.json", JSON.stringify({ _type: "table", columns: ["name", "picture"], data: [["cat", { _type: "image-file", path: "media/cat.png", format: "png" }]] }));
  logDir(baseURL!, dir, "mixed-tables");
  const p = { entity: "e2e", project: "tables" };

  await page.goto(routes.table(p, "mixed-tables", "v0", "broken.partitioned-table.json"));
  const alert = page.getByRole("alert").filter({ hasText: "cannot be shown" });
  await expect(alert).toContainText("This table cannot be shown", { timeout: 30_000 });
  await expect(alert).toContainText("parts/table_2.table.json is not valid JSON: error at line 2, column 20");

  await page.goto(routes.table(p, "mixed-tables", "v0", "images.table.json"));
  const img = page.getByRole("img", { name: "media/cat.png" });
  await expect(img).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);
  await expect(page.getByRole("columnheader", { name: /picture/ })).toContainText("image");

  // Without ?path, the page lists the version's tables.
  await page.goto(routes.table(p, "mixed-tables", "v0", ""));
  await expect(page.getByRole("list", { name: "Tables" })).toContainText("broken.partitioned-table.json");
  await expect(page.getByRole("list", { name: "Tables" })).toContainText("2 parts");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("W&B tables as written: exact big integers, visible tabs and newlines, captions, a joined table", async ({ page, baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-e2e-wandb-tables-"));
  write(dir, "media/cat.png", PNG);
  // By hand: JSON.stringify cannot write 2^53 + 1.
  write(dir, "preds.table.json", `{"_type":"table","columns":["id","text","image"],"data":[
    [9007199254740993, "tab\\there\\nnext line", {"_type":"image-file","path":"media/cat.png","format":"png","caption":"a small cat"}],
    [2, "plain", null]]}`);
  write(dir, "truth.table.json", JSON.stringify({ _type: "table", columns: ["id", "label"], data: [[2, "two"], [7, "seven"]] }));
  write(dir, "both.joined-table.json", JSON.stringify({ _type: "joined-table", table1: "preds.table.json", table2: "truth.table.json", join_key: "id" }));
  logDir(baseURL!, dir, "wandb-tables");
  const p = { entity: "e2e", project: "tables" };

  await page.goto(routes.table(p, "wandb-tables", "v0", "preds.table.json"));
  const grid = page.getByRole("table", { name: "Table preds.table.json" });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await expect(grid).toContainText("9007199254740993");
  await expect(grid).not.toContainText("9007199254740992");
  await expect(grid).toContainText("tab\\there\\nnext line");
  await expect(page.getByRole("img", { name: "a small cat" })).toBeVisible();
  await expect(grid).toContainText("a small cat");

  await grid.getByRole("button", { name: "Open row 1" }).click();
  const detail = page.getByRole("dialog", { name: /^Row 1/ });
  await expect(detail).toContainText("9007199254740993");
  // The row detail keeps the whitespace itself: a real tab and line break, no escapes.
  await expect.poll(() => detail.locator(".whitespace-pre-wrap").first().textContent()).toBe("tab\there\nnext line");
  await page.keyboard.press("Escape");

  await page.goto(routes.table(p, "wandb-tables", "v0", ""));
  const list = page.getByRole("list", { name: "Tables" });
  await expect(list).toContainText("both.joined-table.json");
  await list.getByRole("button", { name: /both\.joined-table\.json/ }).click();
  const joined = page.getByRole("table", { name: "Table both.joined-table.json" });
  await expect(joined).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/join of preds\.table\.json and truth\.table\.json on id/)).toBeVisible();
  await expect(joined.getByRole("columnheader", { name: /truth\.label/ })).toBeVisible();
  await expect(joined).toContainText("two");
  await expect(joined).not.toContainText("seven");
  fs.rmSync(dir, { recursive: true, force: true });
});
