import { expect, test } from "./fixtures";
import { logRefVersion, NS } from "./seed";

const project = `/${NS.entity}/${NS.project}`;

/** Issue 14, item 3: history in words on both versions of a move, and an undo toast after removing an alias. */
test("moving an alias reads as a sentence on both versions; removing one can be undone", async ({ page, request }) => {
  await logRefVersion(request, "worded", 0, { aliases: ["best"] });
  await logRefVersion(request, "worded", 1);
  await page.goto(`${project}/artifacts/worded/v1`);
  await page.getByRole("button", { name: "+ Add alias" }).click();
  await page.getByRole("combobox", { name: "New alias" }).fill("best");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Confirm alias change" }).getByRole("button", { name: "Move best here" }).click();
  await expect(page.getByRole("button", { name: "Remove alias best" })).toBeVisible();

  await page.goto(`${project}/artifacts/worded/v1?tab=history`);
  const history = page.getByRole("list", { name: "Edit history" });
  await expect(history.getByRole("listitem").first()).toContainText(/moved best from v0 to v1\s+— local-e2e,/);
  await page.goto(`${project}/artifacts/worded/v0?tab=history`);
  await expect(history.getByRole("listitem").first()).toContainText(/moved best from v0 to v1\s+— local-e2e,/);

  // Remove it, then undo from the toast: the alias is back on v1.
  await page.goto(`${project}/artifacts/worded/v1`);
  await page.getByRole("button", { name: "Remove alias best" }).click();
  await expect(page.getByRole("button", { name: "Remove alias best" })).toHaveCount(0);
  const toast = page.getByRole("status").filter({ hasText: "Removed alias best from v1" });
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("button", { name: "Remove alias best" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Remove alias best" })).toBeVisible();
  await page.goto(`${project}/artifacts/worded/v1?tab=history`);
  await expect(history.getByRole("listitem").nth(0)).toContainText("added best");
  await expect(history.getByRole("listitem").nth(1)).toContainText("removed best");
});
