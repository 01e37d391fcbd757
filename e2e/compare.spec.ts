import { logVersion, putFile } from "./api-seed";
import { expect, test } from "./fixtures";
import { routes } from "../lib/routes";

const p = { entity: "e2e", project: "compare" };

test("compare two versions: summary, file changes by kind, metadata side by side, description diff", async ({ page, request }) => {
  await logVersion(request, p, "ds", {
    type: "dataset",
    description: "Hello world, first cut.",
    metadata: { rows: 10, metrics: { acc: 0.9 }, source: "s3://a" },
    aliases: ["best"],
    entries: [await putFile(request, "a.txt", "same"), await putFile(request, "b.txt", "before"), await putFile(request, "old.bin", Buffer.alloc(100, 1))],
  });
  await logVersion(request, p, "ds", {
    type: "dataset",
    description: "Hello brave world, first cut.",
    metadata: { rows: 12, metrics: { acc: 0.9 }, source: "s3://a" },
    entries: [await putFile(request, "a.txt", "same"), await putFile(request, "b.txt", "after!!"), await putFile(request, "new.bin", Buffer.alloc(40, 2))],
  });

  // Without versions in the URL, the latest is compared with the one before it.
  await page.goto(routes.compare(p, "ds"));
  await expect(page).toHaveURL(/a=v0&b=v1/);
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByText("Added files")).toBeVisible();
  await expect(summary.locator("dd").first()).toHaveText("1");
  await expect(summary).toContainText("+40 B");
  await expect(summary).toContainText("−100 B");
  await expect(summary).toContainText("+1 B"); // b.txt: 6 → 7 bytes

  const files = page.getByRole("table", { name: "Changed files" });
  await expect(files.getByRole("row")).toHaveCount(4); // header + b.txt, new.bin, old.bin
  await page.getByRole("button", { name: /^Added/ }).click();
  await expect(page).toHaveURL(/filter=added/);
  await expect(files.getByRole("row")).toHaveCount(2);
  await expect(files).toContainText("new.bin");

  await page.getByRole("link", { name: /^Metadata \(1\)/ }).click();
  await expect(page).toHaveURL(/tab=metadata/);
  const meta = page.getByRole("table", { name: "Metadata side by side" });
  const rows = meta.locator('tr[data-kind="changed"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("rows");
  await expect(rows.first()).toContainText("10");
  await expect(rows.first()).toContainText("12");
  await page.getByLabel("Show unchanged keys").check();
  await expect(meta.locator("tbody tr")).toHaveCount(3);

  await page.getByRole("link", { name: /^Description/ }).click();
  await expect(page.getByLabel("Description diff").locator("ins")).toHaveText(["brave "]);

  // The pickers search the server and work from the keyboard.
  await page.getByRole("link", { name: /^Files/ }).click();
  const pickerA = page.getByRole("combobox", { name: "Base (A)" });
  await pickerA.fill("v1");
  await expect(page.getByRole("option", { name: /^v1/ })).toBeVisible();
  await pickerA.press("Enter");
  await expect(page).toHaveURL(/a=v1&b=v1/);
  await expect(page.getByText("Same contents")).toBeVisible();
  await pickerA.fill("be"); // alias prefix: `best` is on v0
  await expect(page.getByRole("option", { name: /^v0\s*best/ })).toBeVisible();
  await pickerA.press("Enter");
  await expect(page).toHaveURL(/a=v0&b=v1/);
  await expect(summary).toContainText("ds:v0");

  // The older version is always the base: a pair given newer first is put in order, and the page says so.
  await page.goto(`${routes.compare(p, "ds")}?a=v1&b=v0`);
  await expect(page).toHaveURL(/a=v0&b=v1/);
  await expect(page.getByRole("status").filter({ hasText: "ds:v0 is older than ds:v1, so it is the base (A)." })).toBeVisible();
  await page.getByRole("button", { name: /^Added/ }).click();
  await expect(files).toContainText("new.bin");
});
