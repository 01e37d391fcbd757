import { createRun, putFile, upsert } from "./api-seed";
import { expect, test } from "./fixtures";
import { routes } from "../lib/routes";

const p = { entity: "e2e", project: "drafts" };

test("drafts list pending collaborative versions with their contributing runs and age", async ({ page, request }) => {
  for (let w = 0; w < 2; w++) {
    const run = await createRun(request, p, { id: `writer-${w}`, name: `writer-${w}`, jobType: "eval", group: "shards-1" });
    await upsert(request, p, "predictions", { type: "evaluation", runId: run.id, entries: [await putFile(request, `part-${w}.json`, `{"part":${w}}`)] });
  }
  const lone = await upsert(request, p, "notes", { type: "report", distributedId: "solo", entries: [await putFile(request, "n.md", "# notes")] });

  await page.goto(routes.drafts(p));
  const table = page.getByRole("table", { name: "Drafts" });
  await expect(table.locator("tbody tr")).toHaveCount(2);
  const first = table.locator("tbody tr").first();
  await expect(first).toContainText("shards-1");
  await expect(first).toContainText("2 ·"); // files so far
  await expect(first.getByRole("link", { name: "writer-0" })).toHaveAttribute("href", routes.run(p, "writer-0"));
  await expect(first.getByRole("link", { name: "writer-1" })).toHaveAttribute("href", routes.run(p, "writer-1"));
  await expect(first).toContainText(/just now|seconds? ago/);
  await expect(table.getByRole("link", { name: `notes:draft-${lone.id}` })).toHaveAttribute("href", routes.version(p, "notes", `draft-${lone.id}`));

  await page.getByLabel("Sort").selectOption("newest");
  await expect(page).toHaveURL(/sort=newest/);
  await expect(table.locator("tbody tr").first()).toContainText("notes");
  await expect(page.getByRole("link", { name: "Clean up drafts…" })).toHaveAttribute("href", routes.cleanup(p, undefined, { drafts: "true" }));
});
