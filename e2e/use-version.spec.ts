import { expect, test } from "./fixtures";

/** Issue 14, item 1: the version page offers the reference and ready-to-paste lines, addressed by number or alias. */
test("Use this version: copy the reference, the CLI, SDK, Python and curl lines; switch to an alias", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/demo/mnist-pipeline/artifacts/checkpoints/best");
  const panel = page.getByRole("region", { name: "Use this version" });
  const version = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").split(":")[1]!;
  const ref = `demo/mnist-pipeline/checkpoints:${version}`;
  const snippet = (id: string) => panel.locator(`pre[data-snippet=${id}]`);

  await expect(snippet("ref")).toHaveText(ref);
  // As docs/cli.md writes it; ARCA_BASE_URL only because the test server is not on the default port.
  await expect(snippet("cli")).toHaveText(`ARCA_BASE_URL=${baseURL} arca download ${ref}`);
  await expect(snippet("ts")).toContainText(`await run.useArtifact("${ref}")`);
  await expect(snippet("python")).toContainText(`run.use_artifact("${ref}")`);
  await expect(snippet("curl")).toHaveText(`curl -OJ ${baseURL}/api/v1/projects/demo/mnist-pipeline/artifacts/checkpoints/versions/${version}/zip`);

  await panel.getByRole("button", { name: "Copy Reference" }).click();
  await expect(panel.getByRole("button", { name: "Copy Reference" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ref);

  // By alias: every line follows.
  await panel.getByRole("button", { name: "best", exact: true }).click();
  await expect(panel.getByRole("button", { name: "best", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(snippet("ref")).toHaveText("demo/mnist-pipeline/checkpoints:best");
  await panel.getByRole("button", { name: "Copy curl" }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toBe(`curl -OJ ${baseURL}/api/v1/projects/demo/mnist-pipeline/artifacts/checkpoints/versions/best/zip`);

  // The copied curl URL really serves the version's zip.
  const zip = await page.request.get(curl.split(" ").at(-1)!);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
});

test("a draft has no Use this version panel (it cannot be downloaded by reference yet)", async ({ page, request }) => {
  const res = await request.post("/api/v1/projects/e2e/use-version/artifacts/wip/upsert", {
    data: { type: "dataset", distributedId: "wip-1", entries: [{ path: "a.csv", ref: "https://example.com/a.csv", digest: "etag-a", size: 1 }] },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const draft = (await res.json()) as { id: number; state: string };
  expect(draft.state).toBe("PENDING");
  await page.goto(`/e2e/use-version/artifacts/wip/draft-${draft.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/wip:draft-\d+/);
  await expect(page.getByRole("region", { name: "Use this version" })).toHaveCount(0);
});
