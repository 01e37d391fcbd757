import { listVersions, logVersion, putFile } from "./api-seed";
import { expect, test } from "./fixtures";
import { routes } from "../lib/routes";

const p = { entity: "e2e", project: "cleanup" };

test("clean up unaliased versions: dry run with bytes freed, confirm, progress, result, garbage collection", async ({ page, request }) => {
  // 14 versions sharing one 1,000-byte file; each also has its own file of 10 + i bytes. v5 is `best`, v13 `latest`.
  const shared = await putFile(request, "shared.bin", Buffer.alloc(1000, 3));
  for (let i = 0; i < 14; i++) {
    const own = await putFile(request, "own.txt", `own-${i}`.padEnd(10 + i, "."));
    await logVersion(request, p, "ckpt", { type: "model", aliases: i === 5 ? ["best"] : [], entries: [shared, own] });
  }

  await page.goto(routes.cleanup(p, "ckpt"));
  await expect(page.getByLabel("Scope")).toHaveValue("collection:ckpt");
  await page.getByLabel("Keep the newest (unaliased)").fill("1");
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page).toHaveURL(/keep=1/);
  await expect(page).toHaveURL(/preview=true/);

  // Unaliased: v0–v12 but v5 (12); the newest of them (v12) is kept → 11. The shared file stays with the survivors,
  // so only the own files count: Σ(10 + i) for i in 0–11 without 5 = 171 bytes.
  await expect(page.getByTestId("dry-run-count")).toHaveText("11 versions");
  await expect(page.getByTestId("dry-run-bytes")).toHaveText("171 B");
  const list = page.getByRole("table", { name: "Versions to delete" });
  await expect(list.locator("tbody tr")).toHaveCount(11);
  await expect(list).not.toContainText("ckpt:v5");
  await expect(list).not.toContainText("ckpt:v12");
  await expect(list.locator("tbody tr").first()).toContainText("ckpt:v11");

  await page.getByRole("button", { name: "Delete 11 versions" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 11 versions?" });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete 11 versions" });
  await expect(confirm).toBeDisabled(); // 10 or more: type the count first
  await dialog.getByLabel("Type 11 to confirm").fill("11");
  await confirm.click();

  await expect(page).toHaveURL(/job=/);
  await expect(page.getByRole("progressbar", { name: "Versions deleted" })).toBeVisible();
  await expect(page.getByTestId("cleanup-result")).toContainText("Deleted 11 versions");
  await expect(page.getByTestId("cleanup-result")).toContainText("171 B");
  expect((await listVersions(request, p, "ckpt")).versions.map((v) => v.version)).toEqual(["v13", "v12", "v5"]);

  await page.getByRole("button", { name: "Run garbage collection" }).click();
  const gc = page.getByTestId("gc-result");
  await expect(gc).toContainText("Reclaimed");
  // Just uploaded: GC keeps these blobs for the upload grace period and says so.
  await expect(gc).toContainText("uploaded less than an hour ago");

  // A new dry run with the same criteria finds nothing left.
  await page.getByRole("button", { name: "Start a new cleanup" }).click();
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByText("Nothing to delete")).toBeVisible();
});

test("a whole-project dry run counts each collection separately", async ({ page, request }) => {
  const q = { entity: "e2e", project: "cleanup-project" };
  for (const name of ["alpha", "beta"]) {
    for (let i = 0; i < 3; i++) await logVersion(request, q, name, { type: "dataset", entries: [await putFile(request, "f.txt", `${name}-${i}`)] });
  }
  await page.goto(routes.cleanup(q));
  await expect(page.getByLabel("Scope")).toHaveValue("project");
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByTestId("dry-run-count")).toHaveText("4 versions");
  const perArtifact = page.getByRole("table", { name: "Per artifact" });
  await expect(perArtifact.locator("tbody tr")).toHaveCount(2);
  await expect(perArtifact).toContainText("alpha");
  await expect(perArtifact).toContainText("beta");
});
