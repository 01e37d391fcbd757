import { expect, test } from "./fixtures";
import { createRun, logRefVersion, NS } from "./seed";

const project = `/${NS.entity}/${NS.project}`;

test("find an artifact from home: project, collection, version", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /demo \/ mnist-pipeline/ }).click();
  await expect(page.getByRole("heading", { name: "mnist-pipeline" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search artifacts" }).fill("check");
  await expect(page).toHaveURL(/q=check/);
  await expect(page.getByRole("link", { name: "raw-images" })).toHaveCount(0);
  await page.getByRole("link", { name: "checkpoints" }).click();
  await expect(page.getByRole("heading", { name: "checkpoints" })).toBeVisible();
  await expect(page.getByText("1–36 of 36")).toBeVisible();
  await page.getByRole("link", { name: "v35", exact: true }).click();
  await expect(page.getByRole("heading", { name: "checkpoints:v35" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Logged by" })).toContainText("train-cnn-1");
  // Searching by alias finds the collection holding it.
  await page.goto("/demo/mnist-pipeline?q=epoch-30");
  await expect(page.getByRole("link", { name: "checkpoints" })).toBeVisible();
  await expect(page.getByRole("link", { name: "classifier" })).toHaveCount(0);
});

test("page, sort and filter the versions grid; the URL keeps it all", async ({ page, request }) => {
  for (let i = 0; i < 120; i++) await logRefVersion(request, "paged", i, { aliases: i % 40 === 0 ? [`milestone-${i}`] : [], metadata: { fold: i % 4 } });
  await page.goto(`${project}/artifacts/paged`);
  await expect(page.getByText("1–50 of 120")).toBeVisible();
  await expect(page.getByRole("row", { name: "paged:v119" })).toBeVisible();
  await page.getByRole("button", { name: "Next ›" }).click();
  await expect(page.getByText("51–100 of 120")).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toHaveAccessibleName("paged:v69");
  await page.getByRole("button", { name: "Last »" }).click();
  await expect(page.getByText("71–120 of 120")).toBeVisible();
  await expect(page.getByRole("row").last()).toHaveAccessibleName("paged:v0");
  await page.goBack();
  await expect(page.getByText("51–100 of 120")).toBeVisible();
  // A shared link opens the same page.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByText("51–100 of 120")).toBeVisible();

  await page.getByRole("button", { name: "« First" }).click();
  await page.getByRole("button", { name: /Sort by version ascending/ }).click();
  await expect(page.getByRole("row").nth(1)).toHaveAccessibleName("paged:v0");
  await page.getByRole("combobox", { name: "Aliases" }).selectOption("with");
  await expect(page.getByText("1–4 of 4")).toBeVisible(); // milestone-0, -40, -80 and latest
  await page.getByRole("combobox", { name: "Aliases" }).selectOption("any");
  await page.getByRole("textbox", { name: "Metadata filter (key=value)" }).fill("fold=3");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page.getByText("1–30 of 30")).toBeVisible();
  await expect(page).toHaveURL(/meta=fold(=|%3D)3/);

  // Keyboard: arrows move between rows, Enter opens the version.
  await page.getByRole("row", { name: "paged:v3", exact: true }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("row", { name: "paged:v7", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "paged:v7" })).toBeVisible();
});

test("edit a description in place and see it in the history", async ({ page, request }) => {
  await logRefVersion(request, "described", 0, { description: "Old text" });
  await page.goto(`${project}/artifacts/described/v0`);
  await page.getByRole("button", { name: "Edit description" }).click();
  await page.getByRole("textbox", { name: "Description (markdown)" }).fill("Cleaned **twice**, see `notes.md`");
  await page.getByRole("button", { name: "Save description" }).click();
  await expect(page.getByRole("region", { name: "Description" }).locator("strong")).toHaveText("twice");
  await page.reload();
  await expect(page.getByRole("region", { name: "Description" })).toContainText("Cleaned twice");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/tab=history/);
  const edit = page.getByRole("listitem").filter({ hasText: "Description" });
  // Local mode: edits are recorded as the local user (playwright.config.ts sets ARCA_LOCAL_USER).
  await expect(edit).toContainText(/edited the description\s+— local-e2e,/);
  await expect(edit).toContainText("Old text");
});

test("edit metadata: invalid JSON is refused with its position, valid JSON merges", async ({ page, request }) => {
  await logRefVersion(request, "meta", 0, { metadata: { keep: 1 } });
  await page.goto(`${project}/artifacts/meta/v0?tab=metadata`);
  await page.getByRole("button", { name: "Add or change keys" }).click();
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{\n  "lr": 0.1,\n  "oops"\n}');
  await expect(page.getByText(/Not valid JSON at line 4/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Merge into metadata" })).toBeDisabled();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{"lr": 0.1}');
  await page.getByRole("button", { name: "Merge into metadata" }).click();
  const tree = page.getByRole("tree", { name: "Metadata tree" });
  await expect(tree).toContainText("lr: 0.1");
  await expect(tree).toContainText("keep: 1");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Metadata" })).toContainText('"lr": 0.1');
});

test("add, move and remove aliases; latest is never removed silently", async ({ page, request }) => {
  await logRefVersion(request, "aliased", 0, { aliases: ["best"] });
  await logRefVersion(request, "aliased", 1);
  await page.goto(`${project}/artifacts/aliased/v1`);
  await page.getByRole("button", { name: "+ Add alias" }).click();
  await page.getByRole("combobox", { name: "New alias" }).fill("best");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "Confirm alias change" });
  await expect(dialog).toContainText("best is on aliased:v0 now");
  await dialog.getByRole("button", { name: "Move best here" }).click();
  await expect(page.getByRole("button", { name: "Remove alias best" })).toBeVisible();
  await page.goto(`${project}/artifacts/aliased/v0`);
  await expect(page.getByRole("button", { name: "Remove alias best" })).toHaveCount(0);
  await page.goto(`${project}/artifacts/aliased/v1`);
  await page.getByRole("button", { name: "Remove alias best" }).click();
  await expect(page.getByRole("button", { name: "Remove alias best" })).toHaveCount(0);
  await page.getByRole("button", { name: "Remove alias latest" }).click();
  await expect(page.getByRole("alertdialog", { name: "Confirm alias change" })).toContainText("No version will be latest");
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("button", { name: "Remove alias latest" })).toBeVisible();
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Aliases" }).first()).toBeVisible();
});

test("a version links to its producer run, which shows config and artifacts", async ({ page, request }) => {
  await createRun(request, "trainer1");
  await logRefVersion(request, "produced", 0, { runId: "trainer1" });
  await page.goto(`${project}/artifacts/produced/v0`);
  await page.getByRole("region", { name: "Logged by" }).getByRole("link", { name: "run trainer1" }).click();
  await expect(page.getByRole("heading", { name: "run trainer1" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Logged artifacts" })).toContainText("produced:v0");
  await expect(page.getByRole("tree", { name: "Run config" })).toContainText("lr: 0.01");
});

test("delete a version: only with its aliases, and it stays in the history", async ({ page, request }) => {
  await logRefVersion(request, "doomed", 0, { aliases: ["keep"] });
  await logRefVersion(request, "doomed", 1);
  await page.goto(`${project}/artifacts/doomed/v0`);
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("button", { name: "Delete version" })).toBeDisabled();
  await page.getByRole("checkbox", { name: /also remove its aliases/ }).check();
  await page.getByRole("button", { name: "Delete version" }).click();
  await expect(page).toHaveURL(/tab=history/);
  await expect(page.getByRole("listitem").filter({ hasText: "Deleted" })).toBeVisible();
});

test("an unknown artifact shows a not-found page with a way back", async ({ page }) => {
  await page.goto("/demo/mnist-pipeline/artifacts/does-not-exist");
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  await page.getByRole("link", { name: "Go to all projects" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
});

test.describe("refusals from the store are shown in words and lose nothing", () => {
  test.use({ expectedHttpErrors: [412] });

  test("a description saved over someone else's newer edit is refused, the draft is kept", async ({ page, request }) => {
    await logRefVersion(request, "contested", 0, { description: "First" });
    await page.goto(`${project}/artifacts/contested/v0`);
    await page.getByRole("button", { name: "Edit description" }).click();
    // Someone else edits while this page is open.
    const res = await request.patch(`/api/v1/projects/${NS.entity}/${NS.project}/artifacts/contested/versions/v0`, { data: { description: "Theirs" } });
    expect(res.ok()).toBeTruthy();
    await page.getByRole("textbox", { name: "Description (markdown)" }).fill("Mine");
    await page.getByRole("button", { name: "Save description" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "changed by someone else" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Description (markdown)" })).toHaveValue("Mine");
  });
});
