import { expect, test } from "./fixtures";

/** Issue 14, item 7: the project's storage and garbage collection at any time; GC reclaims what the panel said. */
test("the storage panel shows the project's size and GC's own dry run; running GC reports that figure", async ({ page }) => {
  await page.goto("/demo/mnist-pipeline/cleanup");
  const panel = page.getByRole("region", { name: "Storage" });
  await expect(panel).toContainText(/This project: [\d.]+ (B|KiB|MiB) in \d+ committed versions \(before dedup\)/);
  const reclaimable = (await panel.getByTestId("gc-reclaimable").textContent())!;
  await panel.getByRole("button", { name: "Run garbage collection" }).click();
  await expect(panel.getByTestId("storage-gc-result")).toContainText(`Reclaimed ${reclaimable}`);
  // Nothing is left to reclaim right after.
  await expect(panel.getByTestId("gc-reclaimable")).toHaveText("0 B");
});
