import { expect, test } from "./fixtures";
import { logRefVersion, NS } from "./seed";

const project = `/${NS.entity}/${NS.project}`;
const history = (name: string) => `/api/v1/projects/${NS.entity}/${NS.project}/artifacts/${name}/versions/v0/history`;

test("undo a description edit: the old text is back, and history records both edits", async ({ page, request }) => {
  const name = `undo-desc-${Date.now().toString(36)}`;
  await logRefVersion(request, name, 0, { description: "Original words" });
  await page.goto(`${project}/artifacts/${name}/v0`);
  await page.getByRole("button", { name: "Edit description" }).click();
  await page.getByRole("textbox", { name: "Description (markdown)" }).fill("A mistake");
  await page.getByRole("button", { name: "Save description" }).click();
  const description = page.getByRole("region", { name: "Description" });
  await expect(description).toContainText("A mistake");
  const toast = page.getByRole("status").filter({ hasText: `Saved the description of ${name}:v0` });
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(description).toContainText("Original words");
  await expect(toast).toHaveCount(0);
  await page.reload();
  await expect(description).toContainText("Original words");
  const edits = ((await (await request.get(history(name))).json()) as { edits: { action: string; before: unknown; after: unknown }[] }).edits;
  expect(edits.filter((e) => e.action === "description").map((e) => [e.before, e.after])).toEqual(
    expect.arrayContaining([
      ["Original words", "A mistake"],
      ["A mistake", "Original words"],
    ]),
  );
});

test("undo a metadata merge: keys it added go away, changed keys come back", async ({ page, request }) => {
  const name = `undo-meta-${Date.now().toString(36)}`;
  await logRefVersion(request, name, 0, { metadata: { lr: 0.1 } });
  await page.goto(`${project}/artifacts/${name}/v0?tab=metadata`);
  await page.getByRole("button", { name: "Add or change keys" }).click();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{"lr": 0.5, "extra": true}');
  await page.getByRole("button", { name: "Merge into metadata" }).click();
  const tree = page.getByRole("tree", { name: "Metadata tree" });
  await expect(tree).toContainText("extra: true");
  await page.getByRole("status").filter({ hasText: `Changed the metadata of ${name}:v0` }).getByRole("button", { name: "Undo" }).click();
  await expect(tree).not.toContainText("extra");
  await expect(tree).toContainText("lr: 0.1");
  const edits = ((await (await request.get(history(name))).json()) as { edits: { action: string }[] }).edits;
  expect(edits.filter((e) => e.action === "metadata")).toHaveLength(2);
});

test.describe("a stale undo", () => {
  test.use({ expectedHttpErrors: [412] });
  test("is refused when someone edited since, and says so", async ({ page, request }) => {
    const name = `undo-stale-${Date.now().toString(36)}`;
    await logRefVersion(request, name, 0, { description: "Mine" });
    await page.goto(`${project}/artifacts/${name}/v0`);
    await page.getByRole("button", { name: "Edit description" }).click();
    await page.getByRole("textbox", { name: "Description (markdown)" }).fill("Edited");
    await page.getByRole("button", { name: "Save description" }).click();
    await expect(page.getByRole("region", { name: "Description" })).toContainText("Edited");
    const res = await request.patch(`/api/v1/projects/${NS.entity}/${NS.project}/artifacts/${name}/versions/v0`, { data: { description: "Theirs" } });
    expect(res.ok()).toBe(true);
    await page.getByRole("status").filter({ hasText: "Saved the description" }).getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("region", { name: "Description" }).getByRole("alert")).toContainText("was changed by someone else");
    expect((await (await request.get(`/api/v1/projects/${NS.entity}/${NS.project}/artifacts/${name}/versions/v0`)).json()).description).toBe("Theirs");
  });
});
