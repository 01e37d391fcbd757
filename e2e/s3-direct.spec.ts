import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { routes } from "../lib/routes";
import { expect, test } from "./fixtures";
import { S3_DATA_DIR, S3_PORT } from "./s3-env";

// `npm start` with blobs in an S3 bucket and direct transfers (ARCA_S3_DIRECT=1): the CLI moves bytes with
// pre-signed URLs, and the pages (previews, images, tables, zip, downloads) work as on the local store.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
const FILES: Record<string, string | Buffer> = {
  "README.md": "# Bucket cats\n\nStored in **S3**.\n",
  "labels.csv": "id,label\n1,tabby\n2,siamese\n",
  "media/cat.png": PNG,
  "pets.table.json": JSON.stringify({ _type: "table", columns: ["name", "picture"], data: [["tabby", { _type: "image-file", path: "media/cat.png", format: "png" }]] }),
};
const p = { entity: "e2e", project: "s3" };

test.beforeAll(({ baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-e2e-s3-"));
  for (const [name, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  execFileSync(process.execPath, ["cli/bin.mjs", "log", dir, "--name", "bucket-cats", "--type", "dataset"], {
    env: { ...process.env, ARCA_BASE_URL: baseURL, ARCA_ENTITY: p.entity, ARCA_PROJECT: p.project },
    stdio: "ignore",
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

test("previews, images, tables, zip and downloads work with blobs in S3 and direct transfers", async ({ page, request }) => {
  await page.goto(routes.version(p, "bucket-cats", "v0", { tab: "files", file: "README.md" }));
  const preview = page.getByRole("region", { name: /^Preview of/ });
  await expect(preview.getByRole("heading", { name: "Bucket cats" })).toBeVisible();

  await page.goto(routes.version(p, "bucket-cats", "v0", { tab: "files", dir: "media", file: "media/cat.png" }));
  const img = preview.getByRole("img", { name: "media/cat.png" });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);

  // The download link is answered with a redirect to the bucket; the browser follows it.
  await page.goto(routes.version(p, "bucket-cats", "v0", { tab: "files", file: "labels.csv" }));
  const [download] = await Promise.all([page.waitForEvent("download"), preview.getByRole("link", { name: "Download" }).click()]);
  expect(download.url()).toContain(`127.0.0.1:${S3_PORT}/`);
  expect(download.suggestedFilename()).toBe("labels.csv");
  expect(fs.readFileSync(await download.path()).toString()).toBe(FILES["labels.csv"]);

  const zip = await request.get(routes.versionZip(p, "bucket-cats", "v0"));
  const files = unzipSync(new Uint8Array(await zip.body()));
  expect(Object.keys(files).sort()).toEqual(Object.keys(FILES).sort());
  expect(Buffer.from(files["media/cat.png"]!).equals(PNG)).toBe(true);

  await page.goto(routes.table(p, "bucket-cats", "v0", "pets.table.json"));
  await expect(page.getByRole("cell", { name: "tabby" })).toBeVisible({ timeout: 30_000 });
  const thumb = page.getByRole("img", { name: "media/cat.png" });
  await expect.poll(() => thumb.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);

  // No blob byte under the data dir: only the database and caches.
  expect(fs.existsSync(path.join(S3_DATA_DIR, "blobs"))).toBe(false);
});
