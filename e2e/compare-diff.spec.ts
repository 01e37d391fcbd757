import { logVersion, putFile } from "./api-seed";
import { expect, test } from "./fixtures";
import { routes } from "../lib/routes";

// Issue 14, item 9: a changed file's text/JSON diff, the older version as the base.
const p = { entity: "e2e", project: "compare-diff" };
const notes = (edit: string) => Array.from({ length: 40 }, (_, i) => (i === 20 ? `line 20 ${edit}` : `line ${i}`)).join("\n") + "\n";

test("a changed file opens its line diff: JSON with sorted keys, text, and the cases it cannot show", async ({ page, request }) => {
  await logVersion(request, p, "run-files", {
    type: "dataset",
    entries: [
      await putFile(request, "config.json", '{"lr":0.1,"epochs":3,"layers":[64,32]}'),
      await putFile(request, "notes.txt", notes("before")),
      await putFile(request, "weights.bin", Buffer.from([0, 1, 2, 3])),
      await putFile(request, "big.txt", "a".repeat(1024 * 1024 + 10)),
    ],
  });
  await logVersion(request, p, "run-files", {
    type: "dataset",
    entries: [
      // Keys reordered and re-indented: only lr changes.
      await putFile(request, "config.json", '{\n  "epochs": 3,\n  "layers": [64, 32],\n  "lr": 0.01\n}'),
      await putFile(request, "notes.txt", notes("after")),
      await putFile(request, "weights.bin", Buffer.from([0, 1, 2, 4])),
      await putFile(request, "big.txt", "b".repeat(1024 * 1024 + 10)),
    ],
  });

  // Asked newer first: v0 is still the base, so its lines are the removed ones.
  await page.goto(`${routes.compare(p, "run-files")}?a=v1&b=v0`);
  await expect(page).toHaveURL(/a=v0&b=v1/);
  const files = page.getByRole("table", { name: "Changed files" });

  await files.getByRole("button", { name: "config.json" }).click();
  await expect(page).toHaveURL(/diff=config\.json/);
  const json = page.getByRole("region", { name: "Diff of config.json" });
  await expect(json.locator('tr[data-kind="removed"]')).toHaveText(['7−  "lr": 0.1']);
  await expect(json.locator('tr[data-kind="added"]')).toHaveText(['7+  "lr": 0.01']);
  await expect(page.getByText("JSON, keys sorted")).toBeVisible();
  await expect(page.getByText("run-files:v0 → run-files:v1")).toBeVisible();

  // The open diff is part of the link.
  await page.reload();
  await expect(json.locator('tr[data-kind="added"]')).toHaveCount(1);

  await files.getByRole("button", { name: "notes.txt" }).click();
  await expect(json).toBeHidden();
  const text = page.getByRole("region", { name: "Diff of notes.txt" });
  await expect(text.locator('tr[data-kind="removed"]')).toContainText("line 20 before");
  await expect(text.locator('tr[data-kind="added"]')).toContainText("line 20 after");
  await expect(text.locator('tr[data-kind="context"]')).toHaveCount(6);

  await files.getByRole("button", { name: "big.txt" }).click();
  await expect(page.getByText(/Too large to compare line by line \(over 1\.0 MiB on a side/)).toBeVisible();
  await files.getByRole("button", { name: "weights.bin" }).click();
  await expect(page.getByText("A binary file: compared by digest and size only.")).toBeVisible();
  await expect(files.getByRole("button", { name: "weights.bin" })).toHaveAttribute("aria-expanded", "true");
  await files.getByRole("button", { name: "weights.bin" }).click();
  await expect(page).not.toHaveURL(/diff=/);
});
