import { createHash } from "node:crypto";
import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { unzipSync } from "fflate";
import { routes } from "../lib/routes";
import { expect, test } from "./fixtures";

const p = { entity: "e2e", project: "files" };
const NAME = "cats";
// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
const FILES: Record<string, string | Buffer> = {
  "README.md": "# Cats dataset\n\nA **small** set.\n\n| split | rows |\n| --- | --- |\n| train | 2 |\n",
  "notes.txt": "first line\nsecond line\n",
  "config.json": '{"lr":0.1,"layers":[64,32]}',
  "results.table.json": '{"_type":"table","columns":["a"],"data":[[1]]}',
  "data/train.csv": "id,label\n1,tabby\n2,siamese\n",
  "data/nested/deep/val.tsv": "id\tlabel\n3\tpersian\n",
  "images/cat.png": PNG,
};

/** Seeds one version through the documented HTTP API: upload each blob, then log the manifest. */
async function seed(request: APIRequestContext) {
  const entries: Record<string, unknown>[] = [];
  for (const [path, content] of Object.entries(FILES)) {
    const bytes = Buffer.from(content);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const put = await request.put(`/api/v1/blobs/${sha256}`, { data: bytes, headers: { "content-type": "application/octet-stream" } });
    expect(put.ok()).toBe(true);
    entries.push({ path, sha256, size: bytes.length });
  }
  entries.push({ path: "remote/raw.csv", ref: "https://example.com/raw.csv", digest: '"etag-42"', size: 1234 });
  const res = await request.post(`/api/v1/projects/${p.entity}/${p.project}/artifacts/${NAME}/log`, { data: { type: "dataset", entries } });
  expect(res.ok()).toBe(true);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await seed(request);
  await request.dispose();
});

test("browse folders and preview each kind of file", async ({ page }) => {
  await page.goto(routes.version(p, NAME, "v0", { tab: "files" }));
  const list = page.getByRole("list", { name: "Files and folders" });
  const row = (name: string) => list.getByRole("link", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`) });

  // Markdown is rendered, not shown as source.
  await row("README.md").click();
  await expect(page).toHaveURL(/file=README\.md/);
  const preview = page.getByRole("region", { name: /^Preview of/ });
  await expect(preview.getByRole("heading", { name: "Cats dataset" })).toBeVisible();
  await expect(preview.getByRole("cell", { name: "train" })).toBeVisible();

  // JSON is pretty-printed.
  await row("config.json").click();
  await expect(preview.locator("pre").last()).toContainText('"layers": [\n    64,');

  // Plain text, and a W&B table offers its grid.
  await row("notes.txt").click();
  await expect(preview).toContainText("second line");
  await row("results.table.json").click();
  await expect(preview.getByRole("link", { name: "Open as table" })).toHaveAttribute("href", routes.table(p, NAME, "v0", "results.table.json"));

  // Folders: open one, preview a CSV as a table, walk down a nested folder with the keyboard.
  await row("data").click();
  await expect(page).toHaveURL(/dir=data/);
  await row("train.csv").click();
  await expect(preview.getByRole("columnheader", { name: "label" })).toBeVisible();
  await expect(preview.getByRole("cell", { name: "siamese" })).toBeVisible();
  await row("nested").focus();
  await page.keyboard.press("ArrowDown");
  await expect(row("train.csv")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(row("nested")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("navigation", { name: "Folder" })).toContainText("nested");
  await row("deep").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/dir=data%2Fnested%2Fdeep|dir=data\/nested\/deep/);
  await row("val.tsv").focus();
  await page.keyboard.press("Enter");
  await expect(preview.getByRole("cell", { name: "persian" })).toBeVisible();

  // Back walks out the way we came; the breadcrumb jumps to the top.
  await page.goBack();
  await expect(page.getByRole("region", { name: /^Preview of/ })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Folder" }).getByRole("link", { name: `${NAME}:v0` }).click();
  await expect(page).not.toHaveURL(/dir=/);

  // An image is shown inline from the file route.
  await row("images").click();
  await row("cat.png").click();
  const img = preview.getByRole("img", { name: "images/cat.png" });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);

  // A reference is a link with its checksum, and has no download.
  await page.getByRole("navigation", { name: "Folder" }).getByRole("link", { name: `${NAME}:v0` }).click();
  await row("remote").click();
  await row("raw.csv").click();
  await expect(preview.getByRole("link", { name: "https://example.com/raw.csv" })).toHaveAttribute("href", "https://example.com/raw.csv");
  await expect(preview).toContainText('"etag-42"');
  await expect(preview.getByRole("link", { name: "Download" })).toHaveCount(0);

  // The filter narrows the folder and lives in the URL.
  await page.getByRole("navigation", { name: "Folder" }).getByRole("link", { name: `${NAME}:v0` }).click();
  await page.getByLabel("Filter names in this folder").fill("con");
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(page).toHaveURL(/q=con/);
});

test("download one file and the whole version as a zip", async ({ page, request }) => {
  await page.goto(routes.version(p, NAME, "v0", { tab: "files", dir: "data", file: "data/train.csv" }));
  const preview = page.getByRole("region", { name: /^Preview of/ });
  const [download] = await Promise.all([page.waitForEvent("download"), preview.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("train.csv");
  expect(fs.readFileSync(await download.path()).toString()).toBe(FILES["data/train.csv"]);

  const zipHref = await page.getByRole("link", { name: "Download all (zip)" }).getAttribute("href");
  expect(zipHref).toBe(routes.versionZip(p, NAME, "v0"));
  const zip = await request.get(zipHref!);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  const files = unzipSync(new Uint8Array(await zip.body()));
  expect(Object.keys(files).sort()).toEqual([...Object.keys(FILES), "REFERENCES.txt"].sort());
  expect(Buffer.from(files["images/cat.png"]!).equals(PNG)).toBe(true);
  expect(Buffer.from(files["REFERENCES.txt"]!).toString()).toContain("remote/raw.csv\thttps://example.com/raw.csv");
});
